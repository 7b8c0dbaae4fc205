// Package store is the seam between the crawler and the state it must not
// lose: the frontier with its claims, the visited set with each page's
// validators, and the outbox of records on their way to the output.
//
// A backend implements [Store]; one that several processes share (on one
// machine or many) implements [Shared] too, and then owns politeness:
// claims are leases, and a claim is also the permission to start a request
// to the item's host, by the backend's clock. Backends in this module:
//
//   - crawl/store/memory: in memory, gone with the process;
//   - crawl/store/bbolt: one file (go.etcd.io/bbolt), the default of the
//     newsclip command;
//   - crawl/store/redis: Redis, shared by the workers of one crawl.
//
// The completion rules are written once, here: generations ([Begin],
// [Requeue]), the seen check ([ApplyAdd]) and completions with aliases,
// record dedup and the outbox ([ApplyComplete]). An embedded backend
// implements [Txn] over its storage and calls them in its transactions.
// A server-side backend (Redis runs them as Lua scripts) must follow them
// to the letter.
//
// Package storetest holds the conformance suite: a new backend passes
// storetest.Run (and storetest.RunShared for a shared one) and the crawler
// works on it.
//
// Contract details every backend keeps:
//
//   - Add, Complete and Release are atomic: after a crash (kill -9 of the
//     process) the state is as before or after each call.
//   - A key is seen once per generation; a record key (RecordKey state)
//     is not a page seen, so a link to it is still queued.
//   - Claim hands out items in frontier order (first queued, first out;
//     a Shared store orders per host and takes hosts by due time), and
//     Begin gives back what a dead process held.
//   - Outbox sequence numbers increase; Ack(seq) drops entries up to seq.
package store
