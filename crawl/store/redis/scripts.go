package redis

import goredis "github.com/redis/go-redis/v9"

// The scripts run server-side, each one atomic step. Every script gets
// KEYS[1] = the crawl's key prefix and ARGV[1..4] = bucket bits, the
// per-host parallel limit, the least delay (ms) and the worker's name; its
// own arguments follow from ARGV[5].
//
// Keys under the prefix P ("nc:{CRAWL}:"; the braces keep them in one
// Redis Cluster slot):
//
//	P m          hash  gen, nq (items queued), rq (requeue cursor), done, failed
//	P s:N        hash  visited-set bucket N: 8-byte key hash -> msgpack entry
//	P q:HOST     list  the host's frontier (8-byte hashes)
//	P H          set   every host with a frontier (for status)
//	P due        zset  hosts that may take a request, by the time they may (ms)
//	P hs:HOST    hash  n (requests in flight), nx (next start, ms), d (Crawl-delay, ms), u (paused until, ms)
//	P lo         hash  leases: hash -> worker "\n" host
//	P lx         zset  leases by expiry (ms)
//	P w          zset  workers by last heartbeat (ms)
//	P ob:WORKER  list  the worker's outbox: "SEQ RECORD"
//	P oq         hash  worker -> last outbox sequence number
//	P sp         hash  worker -> sink position
//	P rb         hash  origin -> robots.txt (status, body)
//	P r:WORKER:OP string  the reply of the worker's last OP call (retries)
//
// An entry is msgpack of gen, state, depth, emit gen, kind, key, ETag,
// Last-Modified, record hash, URL (see store.Entry and packURL). Time is Redis's (TIME),
// never the workers'.
const prelude = `
local P = KEYS[1]
local BITS = tonumber(ARGV[1])
local PAR = tonumber(ARGV[2])
local DELAY = tonumber(ARGV[3])
local WORKER = ARGV[4]
local touched = {}

local function now_ms()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end

local function bkey(h)
  local b = string.byte(h, 1) * 256 + string.byte(h, 2)
  return P .. 's:' .. math.floor(b / 2 ^ (16 - BITS))
end

local function get(h)
  local v = redis.call('HGET', bkey(h), h)
  if not v then return nil end
  return {cmsgpack.unpack(v)}
end

local function put(h, e)
  redis.call('HSET', bkey(h), h, cmsgpack.pack(e[1], e[2], e[3], e[4], e[5], e[6], e[7], e[8], e[9], e[10] or ''))
end

local function blank() return {0, 0, 0, 0, '', '', '', '', '', ''} end

local function seen_in(e, gen)
  return e ~= nil and e[1] == gen and e[2] ~= 0 and e[2] ~= 5
end

local function num(v) return tonumber(v or '0') or 0 end

local function gen_of() return num(redis.call('HGET', P .. 'm', 'gen')) end

local function hdelay(hs) return math.max(DELAY, num(redis.call('HGET', hs, 'd'))) end

local function schedule(host)
  local hs = P .. 'hs:' .. host
  local v = redis.call('HMGET', hs, 'n', 'nx', 'u')
  if num(v[1]) < PAR and redis.call('LLEN', P .. 'q:' .. host) > 0 then
    redis.call('ZADD', P .. 'due', math.max(num(v[2]), num(v[3])), host)
  else
    redis.call('ZREM', P .. 'due', host)
  end
end

local function schedule_touched()
  for host in pairs(touched) do schedule(host) end
  touched = {}
end

local function push(h, host, front)
  if front then
    redis.call('LPUSH', P .. 'q:' .. host, h)
  else
    redis.call('RPUSH', P .. 'q:' .. host, h)
  end
  redis.call('HINCRBY', P .. 'm', 'nq', 1)
  if not touched[host] then redis.call('SADD', P .. 'H', host) end
  touched[host] = true
end

local function owner(h)
  local o = redis.call('HGET', P .. 'lo', h)
  if not o then return nil, nil end
  return string.match(o, '^(.-)\n(.*)$')
end

local function unlease(h)
  local w, host = owner(h)
  if not w then return nil end
  redis.call('HDEL', P .. 'lo', h)
  redis.call('ZREM', P .. 'lx', h)
  local hs = P .. 'hs:' .. host
  if num(redis.call('HGET', hs, 'n')) > 0 then redis.call('HINCRBY', hs, 'n', -1) end
  touched[host] = true
  return host
end

-- unlease_front puts leased hashes back at the front of their queues, the
-- first claimed (first to expire) first.
local function unlease_front(hs)
  for i = #hs, 1, -1 do
    local host = unlease(hs[i])
    if host then push(hs[i], host, true) end
  end
end

local function reclaim(now)
  unlease_front(redis.call('ZRANGEBYSCORE', P .. 'lx', '-inf', now, 'LIMIT', 0, 500))
end

local function host_of(url)
  local a = string.match(url, '^[%a][%w+.-]*://([^/?#]*)') or ''
  a = string.gsub(a, '^.*@', '')
  return string.lower(a)
end

local function add(h, host, depth, kind, key, urlx, skip, gen)
  local e = get(h)
  if seen_in(e, gen) then return 0 end
  e = e or blank()
  e[1], e[3], e[5], e[6], e[10] = gen, depth, kind, key, urlx
  if skip ~= '' then e[2] = 3 else e[2] = 1 end
  put(h, e)
  if skip == '' then push(h, host, false) end
  return 1
end

-- once runs f unless this worker's last OP call had the same request id:
-- a call retried after its reply was lost returns the reply it had.
local function once(op, rid, f)
  local k = P .. 'r:' .. WORKER .. ':' .. op
  local prev = redis.call('GET', k)
  if prev then
    local r = cmsgpack.unpack(prev)
    if r[1] == rid then return r[2] end
  end
  local res = f()
  schedule_touched()
  redis.call('SET', k, cmsgpack.pack({rid, res}))
  return res
end
`

// ARGV[5] request id, [6] lease ms, [7] n.
var claimScript = goredis.NewScript(prelude + `
return once('claim', ARGV[5], function()
  local now = now_ms()
  local lease, n = tonumber(ARGV[6]), tonumber(ARGV[7])
  reclaim(now)
  schedule_touched()
  redis.call('ZADD', P .. 'w', now, WORKER)
  local out = {}
  while #out < n do
    local hosts = redis.call('ZRANGEBYSCORE', P .. 'due', '-inf', now, 'LIMIT', 0, n - #out)
    if #hosts == 0 then break end
    for _, host in ipairs(hosts) do
      local h = redis.call('LPOP', P .. 'q:' .. host)
      if h then
        redis.call('HINCRBY', P .. 'm', 'nq', -1)
        local hs = P .. 'hs:' .. host
        redis.call('HINCRBY', hs, 'n', 1)
        redis.call('HSET', hs, 'nx', now + hdelay(hs))
        redis.call('HSET', P .. 'lo', h, WORKER .. '\n' .. host)
        redis.call('ZADD', P .. 'lx', now + lease + #out / 1000, h) -- keeps the claims' order
        local e = get(h) or blank()
        out[#out + 1] = {h, host, e[6], e[3], e[5], e[7], e[8], e[10] or ''}
      end
      schedule(host)
    end
  end
  return out
end)
`)

// ARGV[5] request id, then items of 7: hash, host, depth, kind, key,
// URL (see packURL), skip.
var addScript = goredis.NewScript(prelude + `
local function run()
  local gen, res = gen_of(), {}
  for i = 6, #ARGV, 7 do
    res[#res + 1] = add(ARGV[i], ARGV[i + 1], tonumber(ARGV[i + 2]), ARGV[i + 3], ARGV[i + 4], ARGV[i + 5], ARGV[i + 6], gen)
  end
  return res
end
local k = P .. 'r:' .. ARGV[5]
local prev = redis.call('GET', k)
if prev then return cmsgpack.unpack(prev) end
local res = run()
schedule_touched()
redis.call('SET', k, cmsgpack.pack(res), 'PX', 600000)
return res
`)

// ARGV[5] request id, then completions: hash, host, fetched, failed,
// etag, last-modified, key, URL, depth, kind, #aliases, aliases...,
// #links, links of 7 (as for add)..., record (0/1), [record key hash,
// record hash, record].
var completeScript = goredis.NewScript(prelude + `
local function apply(c, gen)
  local e = get(c.h) or {0, 0, c.depth, 0, c.kind, c.key, '', '', '', c.urlx}
  e[1] = gen
  if c.fetched then
    e[2] = 2
    if c.etag ~= '' or c.lm ~= '' then e[7], e[8] = c.etag, c.lm end
  else
    e[2] = 3
  end
  put(c.h, e)
  for _, a in ipairs(c.aliases) do
    if a ~= c.h then
      local ae = get(a) or blank()
      if not seen_in(ae, gen) then
        ae[1], ae[2] = gen, 4
        put(a, ae)
      end
    end
  end
  local new = {}
  for _, l in ipairs(c.links) do
    new[#new + 1] = add(l[1], l[2], l[3], l[4], l[5], l[6], l[7], gen)
  end
  if not c.rk then return {0, 0, new} end
  local re = get(c.rk) or {gen, 5, 0, 0, '', '', '', '', '', ''}
  if re[4] == gen then return {2, 0, new} end
  if re[9] ~= '' and re[9] == c.rh then
    re[4] = gen
    put(c.rk, re)
    return {3, 0, new}
  end
  re[4], re[9] = gen, c.rh
  put(c.rk, re)
  local seq = redis.call('HINCRBY', P .. 'oq', WORKER, 1)
  redis.call('RPUSH', P .. 'ob:' .. WORKER, seq .. ' ' .. c.rec)
  return {1, seq, new}
end

return once('complete', ARGV[5], function()
  local gen, res, i = gen_of(), {}, 6
  local function nxt() i = i + 1; return ARGV[i - 1] end
  while i <= #ARGV do
    local c = {h = nxt(), host = nxt(), fetched = nxt() == '1', failed = nxt() == '1',
      etag = nxt(), lm = nxt(), key = nxt(), urlx = nxt(), depth = tonumber(nxt()), kind = nxt(),
      aliases = {}, links = {}}
    for _ = 1, tonumber(nxt()) do c.aliases[#c.aliases + 1] = nxt() end
    for _ = 1, tonumber(nxt()) do
      c.links[#c.links + 1] = {nxt(), nxt(), tonumber(nxt()), nxt(), nxt(), nxt(), nxt()}
    end
    if nxt() == '1' then c.rk, c.rh, c.rec = nxt(), nxt(), nxt() end
    local w = owner(c.h)
    if w ~= WORKER then
      res[#res + 1] = {4, 0, {}}
    else
      unlease(c.h)
      res[#res + 1] = apply(c, gen)
      redis.call('HINCRBY', P .. 'm', 'done', 1)
      if c.failed then redis.call('HINCRBY', P .. 'm', 'failed', 1) end
    end
  end
  return res
end)
`)

// ARGV[5] request id, then hashes.
var releaseScript = goredis.NewScript(prelude + `
return once('release', ARGV[5], function()
  for i = 6, #ARGV do
    if owner(ARGV[i]) == WORKER then
      local host = unlease(ARGV[i])
      push(ARGV[i], host, false)
    end
  end
  return 0
end)
`)

// ARGV[5] lease ms, then hashes; returns 1 for each lease lost.
var extendScript = goredis.NewScript(prelude + `
local now, lease, out = now_ms(), tonumber(ARGV[5]), {}
redis.call('ZADD', P .. 'w', now, WORKER)
for i = 6, #ARGV do
  if owner(ARGV[i]) == WORKER then
    redis.call('ZADD', P .. 'lx', now + lease, ARGV[i])
    out[#out + 1] = 0
  else
    out[#out + 1] = 1
  end
end
return out
`)

// ARGV[5] request id, [6] incremental (0/1). Returns gen, resumed,
// requeue, queued, sink position.
var beginScript = goredis.NewScript(prelude + `
return once('begin', ARGV[5], function()
  local now = now_ms()
  local mine = {}
  for _, h in ipairs(redis.call('ZRANGE', P .. 'lx', 0, -1)) do
    if owner(h) == WORKER then mine[#mine + 1] = h end
  end
  unlease_front(mine)
  reclaim(now)
  redis.call('ZADD', P .. 'w', now, WORKER)
  local m = P .. 'm'
  local gen = gen_of()
  local nq = num(redis.call('HGET', m, 'nq'))
  local busy = nq + redis.call('HLEN', P .. 'lo')
  local resumed, requeue = 0, 0
  if redis.call('HEXISTS', m, 'rq') == 1 then
    resumed, requeue = 1, 1
  elseif gen == 0 then
    gen = 1
  elseif ARGV[6] == '1' and busy == 0 then
    gen, requeue = gen + 1, 1
    redis.call('HSET', m, 'rq', 0)
  elseif busy > 0 then
    resumed = 1
  end
  redis.call('HSET', m, 'gen', gen)
  return {gen, resumed, requeue, nq, num(redis.call('HGET', P .. 'sp', WORKER))}
end)
`)

// ARGV[5] buckets per call. Returns 1 while buckets are left.
var requeueScript = goredis.NewScript(prelude + `
local m = P .. 'm'
local rq = redis.call('HGET', m, 'rq')
if not rq then return 0 end
local gen, b, last = gen_of(), tonumber(rq), 2 ^ BITS
local stop = math.min(b + tonumber(ARGV[5]), last)
for i = b, stop - 1 do
  local all = redis.call('HGETALL', P .. 's:' .. i)
  for j = 1, #all, 2 do
    local e = {cmsgpack.unpack(all[j + 1])}
    if e[2] == 2 and e[1] < gen then
      e[1], e[2] = gen, 1
      put(all[j], e)
      push(all[j], host_of(e[6]), false)
    end
  end
end
schedule_touched()
if stop >= last then
  redis.call('HDEL', m, 'rq')
  return 0
end
redis.call('HSET', m, 'rq', stop)
return 1
`)

// ARGV[5] lease ms. Returns finished (0/1), wait ms.
var idleScript = goredis.NewScript(prelude + `
local now, lease = now_ms(), tonumber(ARGV[5])
reclaim(now)
schedule_touched()
local m = P .. 'm'
if num(redis.call('HGET', m, 'nq')) > 0 then
  local d = redis.call('ZRANGE', P .. 'due', 0, 0, 'WITHSCORES')
  if #d > 0 then return {0, math.max(0, tonumber(d[2]) - now)} end
  return {0, 50}
end
if redis.call('HLEN', P .. 'lo') > 0 or redis.call('HEXISTS', m, 'rq') == 1 then return {0, 100} end
for _, w in ipairs(redis.call('ZRANGEBYSCORE', P .. 'w', '-inf', now - lease)) do
  if w ~= WORKER and redis.call('LLEN', P .. 'ob:' .. w) > 0 then return {0, 100} end
end
return {1, 0}
`)

// ARGV[5] request id, [6] lease ms, [7] most records. Moves the outboxes
// of dead workers (no heartbeat for a lease) into the caller's; returns
// the records moved as seq, record pairs.
var adoptScript = goredis.NewScript(prelude + `
return once('adopt', ARGV[5], function()
  local now, lease, most, out = now_ms(), tonumber(ARGV[6]), tonumber(ARGV[7]), {}
  for _, w in ipairs(redis.call('ZRANGEBYSCORE', P .. 'w', '-inf', now - lease)) do
    if w ~= WORKER then
      while #out < 2 * most do
        local v = redis.call('LPOP', P .. 'ob:' .. w)
        if not v then break end
        local rec = string.match(v, '^%d+ (.*)$')
        local seq = redis.call('HINCRBY', P .. 'oq', WORKER, 1)
        redis.call('RPUSH', P .. 'ob:' .. WORKER, seq .. ' ' .. rec)
        out[#out + 1] = seq
        out[#out + 1] = rec
      end
      if redis.call('LLEN', P .. 'ob:' .. w) == 0 then redis.call('ZREM', P .. 'w', w) end
    end
  end
  return out
end)
`)

// ARGV[5] seq, [6] sink position.
var ackScript = goredis.NewScript(prelude + `
local ob, seq = P .. 'ob:' .. WORKER, tonumber(ARGV[5])
while true do
  local v = redis.call('LINDEX', ob, 0)
  if not v or tonumber(string.match(v, '^(%d+) ')) > seq then break end
  redis.call('LPOP', ob)
end
redis.call('HSET', P .. 'sp', WORKER, ARGV[6])
return 0
`)

// ARGV[5] request id, [6] host, [7] take a slot (0/1). Returns 0 when the
// request may start (counted), else the ms to wait.
var paceScript = goredis.NewScript(prelude + `
local k = P .. 'r:' .. ARGV[5]
local prev = redis.call('GET', k)
if prev then return tonumber(prev) end
local now, host, slot = now_ms(), ARGV[6], ARGV[7] == '1'
local hs = P .. 'hs:' .. host
local v = redis.call('HMGET', hs, 'n', 'nx', 'u')
local wait = 0
if slot and num(v[1]) >= PAR then
  wait = 20
else
  wait = math.max(num(v[2]), num(v[3])) - now
end
if wait <= 0 then
  wait = 0
  redis.call('HSET', hs, 'nx', now + hdelay(hs))
  if slot then redis.call('HINCRBY', hs, 'n', 1) end
  schedule(host)
end
redis.call('SET', k, wait, 'PX', 600000)
return wait
`)

// ARGV[5] op: unpace, delay or pause; [6] host; [7] ms.
var hostScript = goredis.NewScript(prelude + `
local op, host, ms = ARGV[5], ARGV[6], tonumber(ARGV[7])
local hs = P .. 'hs:' .. host
if op == 'unpace' then
  if num(redis.call('HGET', hs, 'n')) > 0 then redis.call('HINCRBY', hs, 'n', -1) end
elseif op == 'delay' then
  local old = hdelay(hs)
  if ms > old then
    redis.call('HSET', hs, 'd', ms)
    local nx = num(redis.call('HGET', hs, 'nx'))
    if nx > 0 then redis.call('HSET', hs, 'nx', nx - old + ms) end
  end
elseif op == 'pause' then
  local u = now_ms() + ms
  if u > num(redis.call('HGET', hs, 'u')) then redis.call('HSET', hs, 'u', u) end
end
schedule(host)
return 0
`)
