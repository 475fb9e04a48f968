// Lua scripts of the run store, defined once as ioredis commands (script-command.ts): each runs
// atomically in Redis, so a run record, its status indexes and its event stream never disagree. Index
// keys are built from the prefix passed in ARGV (single Redis, not Cluster).
//
// Every script that changes something is idempotent: when a connection drops after Redis ran a
// command but before the reply arrived, ioredis sends the command again on reconnect. Each call
// carries an operation id (first ARGV) and its last KEY is an "ops" hash remembering recent results,
// so a resent call answers what the first one did instead of appending the same events twice.

import {
  BUCKET_KEEP_MS,
  BUCKET_SIZES_MS,
  CREATED_FIELD,
  LATENCY_BIN_BASE,
} from '../../store/overview-buckets';
import { NOTICE_STATUSES } from '../../store/types';
import { CARRIED_BATCH_MAX_CHARS, MAX_NOTICES_MESSAGE_CHARS, NOTICE_SEPARATOR_LUA } from './appended-message';
import { z } from 'zod';
import { defineScript, defineVariadicScript, numberReply, textReply } from './script-command';

/** The notices stream keeps about this many entries (retention trims it by time too). */
const MAX_KEPT_NOTICES = 100_000;

/** How long an operation's result is remembered: far longer than any reconnect. */
export const OPERATION_MEMORY_MS = 60 * 60 * 1000;

/** Wraps a script body: replays a remembered result, else runs `body` (a function) and remembers it. */
function idempotent(body: string, returns: 'number' | 'string' = 'number'): string {
  return `
local opsKey = KEYS[#KEYS]
local opId = table.remove(ARGV, 1)
local remembered = redis.call('HGET', opsKey, opId)
if remembered then
  if remembered == '' then return false end
  return ${returns === 'number' ? 'tonumber(remembered)' : 'remembered'}
end
local result = (function()
${body}
end)()
redis.call('HSET', opsKey, opId, result or '')
redis.call('PEXPIRE', opsKey, ${OPERATION_MEMORY_MS})
return result
`;
}

/**
 * Overview counters (lib/store/overview-buckets.ts, same sizes, bins and fields): adds to the
 * `overview:<owner>:<size>:<start>` hash of every bucket size holding `at`.
 */
const OVERVIEW_BUCKETS = `
local BUCKET_SIZES = { ${BUCKET_SIZES_MS.map((size) => `{ ${size}, ${BUCKET_KEEP_MS[size]} }`).join(', ')} }
local function countInBuckets(prefix, owner, at, increments)
  for _, size in ipairs(BUCKET_SIZES) do
    local start = at - (at % size[1])
    local key = prefix .. 'overview:' .. owner .. ':' .. size[1] .. ':' .. start
    for field, count in pairs(increments) do
      if count ~= 0 then redis.call('HINCRBY', key, field, count) end
    end
    redis.call('PEXPIREAT', key, start + size[2])
  end
end
local function latencyBin(ms)
  if ms <= 1 then return 0 end
  return math.floor(math.log(ms) / math.log(${LATENCY_BIN_BASE}))
end
local function countEndedRun(prefix, run)
  local f = redis.call('HMGET', run, 'owner', 'status', 'createdAt', 'startedAt', 'firstTokenAt', 'endedAt',
    'waitBeforeFirstTokenMs')
  local endedAt = tonumber(f[6])
  local increments = { [f[2]] = 1 }
  increments['duration:' .. latencyBin(endedAt - tonumber(f[3]))] = 1
  -- as timeToFirstTokenMs (lib/runs/first-token.ts): not counting the wait for answers before it
  if f[4] and f[5] then
    local ttft = math.max(0, tonumber(f[5]) - tonumber(f[4]) - (tonumber(f[7]) or 0))
    increments['ttft:' .. latencyBin(ttft)] = 1
  end
  countInBuckets(prefix, f[1], endedAt, increments)
end
`;

/** Journals a status change (run notice) in the notices stream: the figures as of now. */
const JOURNAL_NOTICE = `
local NOTICE_STATUSES = { ${NOTICE_STATUSES.map((status) => `${status} = true`).join(', ')} }
local function journalNotice(prefix, run, id, status, now)
  local f = redis.call('HMGET', run, 'owner', 'model', 'outputTokens', 'createdAt', 'endedAt', 'error')
  local at = tonumber(f[5] or now)
  local entry = { 'channelId', id, 'owner', f[1], 'status', status, 'at', at, 'model', f[2] or '',
    'outputTokens', f[3] or '0', 'durationMs', at - tonumber(f[4]) }
  if f[6] then table.insert(entry, 'error'); table.insert(entry, f[6]) end
  redis.call('XADD', prefix .. 'notices', 'MAXLEN', '~', ${MAX_KEPT_NOTICES}, '*', unpack(entry))
end
`;

/**
 * The `appended` notifications (appended-message.ts) of one call: each stored batch's notice is kept and
 * published with the call's others, in messages of at most MAX_NOTICES_MESSAGE_CHARS characters.
 */
const ANNOUNCE_APPENDED = `
local notices, noticesChars = {}, 0
local function publishNotices(prefix)
  if #notices > 0 then redis.call('PUBLISH', prefix .. 'appended', table.concat(notices, '${NOTICE_SEPARATOR_LUA}')) end
  notices, noticesChars = {}, 0
end
local function announceAppended(prefix, id, lastSeq, at, body)
  local notice = lastSeq .. ' ' .. id
  if #body <= ${CARRIED_BATCH_MAX_CHARS} then notice = notice .. '\\n' .. at .. '\\n' .. body end
  if noticesChars + #notice > ${MAX_NOTICES_MESSAGE_CHARS} then publishNotices(prefix) end
  notices[#notices + 1] = notice
  noticesChars = noticesChars + #notice + 1
end
`;

/** Status indexes: moves the run between `status:<s>` and `owner:<o>:<s>` sorted sets. */
const MOVE_STATUS = `
local function moveStatus(prefix, run, id, from, to)
  if from == to then return end
  local owner = redis.call('HGET', run, 'owner')
  local createdAt = redis.call('HGET', run, 'createdAt')
  redis.call('ZREM', prefix .. 'status:' .. from, id)
  redis.call('ZADD', prefix .. 'status:' .. to, createdAt, id)
  redis.call('ZREM', prefix .. 'owner:' .. owner .. ':' .. from, id)
  redis.call('ZADD', prefix .. 'owner:' .. owner .. ':' .. to, createdAt, id)
end
`;

/**
 * Creates a run; `rest` holds its field/value pairs. `maxQueued` (-1: no limit) is the queue's room: at
 * that many runs in `status:queued` it creates nothing. Returns 1 when created, 0 when the channel id is
 * taken, and -(1 + the queued runs) when the queue is full.
 */
export const CREATE_RUN = defineScript({
  name: 'dispatchCreateRun',
  keys: ['run', 'events', 'operations'],
  args: ['operationId', 'prefix', 'channelId', 'createdAt', 'status', 'maxQueued'],
  reply: numberReply,
  lua: idempotent(`${OVERVIEW_BUCKETS}
if redis.call('EXISTS', KEYS[1]) == 1 or redis.call('EXISTS', KEYS[2]) == 1 then return 0 end
local prefix, id, createdAt, status, maxQueued = ARGV[1], ARGV[2], ARGV[3], ARGV[4], tonumber(ARGV[5])
if maxQueued >= 0 then
  local queued = redis.call('ZCARD', prefix .. 'status:queued')
  if queued >= maxQueued then return -1 - queued end
end
for i = 6, #ARGV, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
local owner = redis.call('HGET', KEYS[1], 'owner')
redis.call('ZADD', prefix .. 'owner:' .. owner, createdAt, id)
redis.call('ZADD', prefix .. 'owner:' .. owner .. ':' .. status, createdAt, id)
redis.call('ZADD', prefix .. 'status:' .. status, createdAt, id)
countInBuckets(prefix, owner, tonumber(createdAt), { ${CREATED_FIELD} = 1 })
return 1
`),
});

/**
 * Appends events and applies a patch in one step, for each of one or more runs: a group commit's appends
 * are one call, one command to encode, send and start instead of one per run, with four Redis commands
 * per run (a resent call is answered from `operations`, one key per call, instead of three commands per
 * run on a hash per run). KEYS: `run` and `events` of each run in turn, then the call's `operations`.
 * ARGV: `prefix`, `now`, `retentionMs`, then for each run `channelId`, `allowed` (statuses the run must
 * be in, "" for any), `eventCount`, `events` (the event JSON texts joined by newlines), the number of
 * patch pairs and the patch's field/value pairs. Each run's batch is one stream entry: id
 * `<first seq>-0`, fields `at`, `n` (count) and `e` (the joined JSON), announced on the `appended` topic
 * at once (appended-message.ts).
 * Returns, for each run, the seq of its first appended event, -1 when the run is missing or not in an
 * allowed status, or the error that stopped its append (the others are stored all the same).
 */
export const APPEND_EVENTS = defineVariadicScript({
  name: 'dispatchAppendEvents',
  reply: z.array(z.union([z.number(), z.string()])),
  lua: `${MOVE_STATUS}${OVERVIEW_BUCKETS}${JOURNAL_NOTICE}${ANNOUNCE_APPENDED}
local operations = KEYS[#KEYS]
local done = redis.call('GET', operations)
if done then return cjson.decode(done) end
local function appendOne(run, stream, prefix, id, now, retentionMs, allowed, count, events, patchFrom, patchTo)
  -- One read of the record: most calls (a live run's tokens) append events and patch nothing.
  local stored = redis.call('HMGET', run, 'status', 'lastSeq', 'endedAt')
  local status = stored[1]
  if not status then return -1 end
  if allowed ~= '' and not string.find(',' .. allowed .. ',', ',' .. status .. ',', 1, true) then return -1 end
  local wasEnded = stored[3] ~= false
  -- Set last: an end already past retention expires the run at once, after it was counted.
  local expireAt
  local seq = tonumber(stored[2] or '0')
  local first = seq + 1
  if count > 0 then
    redis.call('XADD', stream, first .. '-0', 'at', now, 'n', count, 'e', events)
    seq = seq + count
    redis.call('HSET', run, 'lastSeq', seq)
    announceAppended(prefix, id, seq, now, events)
  end
  -- Tokens count in the overview when their count is stored (at the end's time for the last ones).
  local tokensAdded, tokensAt = 0, tonumber(now)
  for i = patchFrom, patchTo, 2 do
    local field, value = ARGV[i], ARGV[i + 1]
    if field == 'outputTokens' then
      tokensAdded = tonumber(value) - tonumber(redis.call('HGET', run, 'outputTokens') or '0')
    end
    redis.call('HSET', run, field, value)
    if field == 'status' then moveStatus(prefix, run, id, status, value) end
    if field == 'endedAt' then
      redis.call('ZADD', prefix .. 'ended', value, id)
      expireAt = tonumber(value) + retentionMs
      tokensAt = tonumber(value)
    end
  end
  if tokensAdded > 0 then countInBuckets(prefix, redis.call('HGET', run, 'owner'), tokensAt, { tokens = tokensAdded }) end
  if patchTo >= patchFrom then
    local newStatus = redis.call('HGET', run, 'status')
    if newStatus ~= status and NOTICE_STATUSES[newStatus] then journalNotice(prefix, run, id, newStatus, now) end
    if not wasEnded and redis.call('HEXISTS', run, 'endedAt') == 1 then countEndedRun(prefix, run) end
  end
  if expireAt then redis.call('PEXPIREAT', run, expireAt) end
  -- Only an ended run expires. Its stream expires at the run's own time (the same instant, not a TTL read
  -- and set a millisecond apart).
  if wasEnded or expireAt then
    local runExpiresAt = redis.call('PEXPIRETIME', run)
    if runExpiresAt > 0 and redis.call('EXISTS', stream) == 1 then redis.call('PEXPIREAT', stream, runExpiresAt) end
  end
  return first
end
local prefix, now, retentionMs = ARGV[1], ARGV[2], tonumber(ARGV[3])
local results = {}
local at = 4
for k = 1, #KEYS - 1, 2 do
  local patchFrom = at + 5
  local patchTo = patchFrom + 2 * tonumber(ARGV[at + 4]) - 1
  local ok, result = pcall(appendOne, KEYS[k], KEYS[k + 1], prefix, ARGV[at], now, retentionMs, ARGV[at + 1],
    tonumber(ARGV[at + 2]), ARGV[at + 3], patchFrom, patchTo)
  if not ok then result = type(result) == 'table' and (result.err or 'error') or tostring(result) end
  results[#results + 1] = result
  at = patchTo + 1
end
publishNotices(prefix)
redis.call('SET', operations, cjson.encode(results), 'PX', ${OPERATION_MEMORY_MS})
return results
`,
});

// Mailbox entries are "<expiresAt ms>\n<message JSON>", oldest first: expired ones are dropped from the
// head when a message is put or taken, and the key itself expires with its newest message.
const DROP_EXPIRED = `
local function dropExpired(key, now)
  while true do
    local head = redis.call('LINDEX', key, 0)
    if not head then return end
    local expiresAt = tonumber(string.match(head, '^(%d+)\\n'))
    if expiresAt and expiresAt > now then return end
    redis.call('LPOP', key)
  end
end
`;

export const PUT_MESSAGE = defineScript({
  name: 'dispatchPutMessage',
  keys: ['mailbox', 'operations'],
  args: ['operationId', 'entry', 'ttlMs', 'now'],
  reply: numberReply,
  lua: idempotent(`
${DROP_EXPIRED}
dropExpired(KEYS[1], tonumber(ARGV[3]))
redis.call('RPUSH', KEYS[1], ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1
`),
});

/** Returns the oldest entry that has not expired, or null. */
export const TAKE_MESSAGE = defineScript({
  name: 'dispatchTakeMessage',
  keys: ['mailbox', 'operations'],
  args: ['operationId', 'now'],
  reply: textReply,
  lua: idempotent(
    `
${DROP_EXPIRED}
dropExpired(KEYS[1], tonumber(ARGV[1]))
return redis.call('LPOP', KEYS[1])
`,
    'string',
  ),
});

/**
 * `waiters` is a sorted set scored by lease end. Delivers to the own mailbox ("<mailbox key>#<waiter>")
 * of every waiter with a live lease, or to the mailbox itself when none waits. Returns how many
 * waiters got it.
 */
export const BROADCAST_MESSAGE = defineScript({
  name: 'dispatchBroadcastMessage',
  keys: ['mailbox', 'waiters', 'operations'],
  args: ['operationId', 'entry', 'ttlMs', 'now'],
  reply: numberReply,
  lua: idempotent(`
${DROP_EXPIRED}
local mailbox, waiters, entry, ttl, now = KEYS[1], KEYS[2], ARGV[1], ARGV[2], tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', waiters, '-inf', now)
local live = redis.call('ZRANGE', waiters, 0, -1)
local targets = {}
for _, waiter in ipairs(live) do table.insert(targets, mailbox .. '#' .. waiter) end
if #targets == 0 then targets = { mailbox } end
for _, key in ipairs(targets) do
  dropExpired(key, now)
  redis.call('RPUSH', key, entry)
  redis.call('PEXPIRE', key, ttl)
end
return #live
`),
});

/** Removes an ended run and its index entries (deleting twice changes nothing, so no operation id). */
export const DELETE_RUN = defineScript({
  name: 'dispatchDeleteRun',
  keys: ['run', 'events', 'operations'],
  args: ['prefix', 'channelId'],
  reply: numberReply,
  lua: `
local run, stream, prefix, id = KEYS[1], KEYS[2], ARGV[1], ARGV[2]
local owner = redis.call('HGET', run, 'owner')
local status = redis.call('HGET', run, 'status')
if owner then
  redis.call('ZREM', prefix .. 'owner:' .. owner, id)
  redis.call('ZREM', prefix .. 'owner:' .. owner .. ':' .. status, id)
  redis.call('ZREM', prefix .. 'status:' .. status, id)
end
redis.call('DEL', run, stream, KEYS[3])
redis.call('ZREM', prefix .. 'ended', id)
return 1
`,
});
