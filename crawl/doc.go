// Package crawl crawls news portals end to end into [extract.Article]
// records: politely, resumably, and never losing or repeating a page.
//
// [New] takes a [Config] whose zero value is a polite crawl of the seeds'
// sites; [Crawler.Run] crawls from seed URLs into a [Sink] and returns only
// fatal errors. Per-page outcomes go to [Config.OnPage], to [Stats] and, for
// failures, to a Warn log line.
//
// Contract:
//
//   - Discovery: links of every HTML page (<a>, <area>, rel=next/prev,
//     rel=alternate), sitemaps named by robots.txt or found at
//     /sitemap.xml (indexes, gzip, news sitemaps), RSS and Atom feeds; a
//     sitemap's or feed's URLs are queued the freshest first (lastmod,
//     publication_date, pubDate). Listing pages feed the frontier; only
//     article pages become records.
//   - Article or not is decided from the page, never its URL: the
//     extractor's outcome (extract.ErrNoArticle), schema.org JSON-LD and
//     og:type (as the extractor reads them: extract.Declaration), the
//     body's length and its run of prose blocks, link density. Each page is
//     parsed once: its links and signals are read from the tree its record
//     is extracted from.
//     Decisions are counted in Stats.Decisions (see verdict.go for the
//     rules and their order).
//   - Scope: the seeds' sites (registrable domains) plus
//     Config.AllowDomains, then Include/Exclude patterns and MaxDepth. Trap
//     defences hold without configuration: a path pattern (digits as N)
//     whose listing pages stop linking anything outside the pattern that
//     its earlier pages did not is cut after Config.TrapBarren pages in a
//     row (100; 20 for pages that differ in their query alone: sort
//     orders, filters), sparing the query shapes under it that gave
//     articles; any listing pattern after TrapPattern (10 000) pages; a
//     path after MaxPathQueries distinct query strings (5 000); links that
//     append parameters to a query that already repeats a key; repeated
//     or too many path segments and over-long URLs; and a host whose
//     frontier grows while 10 × TrapBarren pages in a row gave no record.
//     Cuts are counted by pattern in Stats.Traps and logged.
//   - Politeness: robots.txt is obeyed (colly's default ignores it; here
//     colly's check is on and answered from one fetch per origin), with
//     Crawl-delay; per host (host:port) at most Config.Parallel requests in
//     flight and Config.Delay between request starts, across any number of
//     hosts; every request counts, robots.txt and redirect hops included.
//     429 and 503 with Retry-After pause the host. A host that must wait
//     long does not hold up the others: its extra work goes back to the
//     frontier. The User-Agent names the tool and a URL.
//   - Faults: a timeout per request, from its start (waiting for the
//     host's turn does not count); retries with exponential backoff and
//     jitter after timeouts, connection errors, 5xx and 429; redirect
//     chains followed up to MaxRedirects, loops and redirects into
//     disallowed or out-of-scope URLs stopped, and a redirect to an origin
//     whose robots.txt is not read yet queued as a URL of its own (outcome
//     "redirect"); pages over MaxBodyBytes (10 MiB, gzip bodies counted
//     decompressed) fail with reason "too-large"; non-HTML answers (by
//     Content-Type, then by sniffing) are skipped; charsets declared in the
//     header or only in <meta> are decoded (the raw page and its header go
//     to the extractor, which decodes <meta> charsets; colly decodes header
//     charsets only), so records are valid UTF-8.
//   - Never twice: URLs are canonicalised ([Canonicalize]: session ids in
//     every spelling, tracking parameters, index files, dot segments,
//     escapes, parameter order) before the visited check, "/a" and "/a/"
//     are one page. Parameters that do not change the page are learned
//     per host (two articles shown the same with and without one, or by
//     their rel=canonical; see params.go) and dropped from every URL
//     found or queued since. An article names its copies (rel=amphtml,
//     print alternates): they are not fetched. An article whose
//     rel=canonical (same host) names another URL is a copy (outcome
//     Variant): nothing is recorded under it and the canonical page is
//     queued; records are keyed by rel=canonical, else by the normal
//     form; each article gets one record per crawl generation.
//   - State: a [store.Store] keeps the frontier with claims, the visited
//     set and each page's validators (ETag, Last-Modified, record hash);
//     crawl/store/bbolt is the embedded default, crawl/store/memory the
//     in-memory one (used when Config.State is nil), and crawl/store/redis
//     the one several processes share (see package store). With a
//     shared store ([store.Shared]) the processes work as one crawl:
//     claims are leases, renewed while a page is in hand; Parallel and
//     Delay hold per host for all of them, by the store's clock (a claim
//     counts its page's first request, any other request asks the store);
//     robots.txt is fetched once per crawl; Workers caps one process. Records go through the
//     store's outbox before the sink: with a [DurableSink] ([OpenJSONL]), a
//     crawl killed at any moment (kill -9 included) and run again writes
//     every article exactly once, and never leaves a half line.
//   - Incremental: with Config.Incremental, a finished crawl kept in the
//     store is revisited with conditional requests (If-None-Match,
//     If-Modified-Since); only new and changed articles are written.
//   - Archive: with Config.Archive (a warc.Writer), every HTTP exchange
//     (robots.txt, sitemaps, feeds, redirects, error answers, pages) is
//     handed over as it went over the network, body as received, before
//     its page is committed; a redirect's target is fetched once per run,
//     whether the redirect or a link reaches it first. [Judge] decides
//     article or not for pages read back from such an archive.
//   - Cancellation: when ctx is done, pages in flight are finished, pages
//     still waiting for their host's turn go back to the frontier, the
//     sink is flushed and the state saved; Run returns ctx.Err().
//
// colly (github.com/gocolly/colly/v2) is the HTTP client underneath, kept
// private: no colly type appears in this package's API.
package crawl
