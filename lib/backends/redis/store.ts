// Scale-out store: run records as hashes with sorted-set indexes, events in one Redis Stream per
// channel (stream ids `<seq>-0`), published messages in lists. Every Redis command of the store is here.
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { ApiError } from '../../errors';
import type { ChannelEvent, StoredEvent, StoredEventJson } from '../../events';
import { decodeRunCursor, encodeRunCursor } from '../../store/cursor';
import { eventJsonsOf, packEventJsons, unpackEventBatch } from '../../store/event-batch';
import { withLazyRequest } from '../../store/lazy-request';
import { bucketStart } from '../../store/overview-buckets';
import { functionNamesOf, normalizeSearch, searchTextOf } from '../../store/run-search';
import { isFromSource } from '../../store/run-source';
import {
  asError,
  NOTICE_STATUSES,
  type AppendResult,
  type EventAppend,
  type NewRun,
  type OverviewBucket,
  type RunListPage,
  type RunListQuery,
  type RunNotice,
  type RunPatch,
  type RunRecord,
  type RunStore,
} from '../../store/types';
import { RUN_STATUSES, type RunStatus } from '../../run-status';
import { queueFullError, type QueueRoom } from '../../runs/queue';
import type { RedisKeys } from './keys';
import {
  APPEND_EVENTS,
  BROADCAST_MESSAGE,
  CREATE_RUN,
  DELETE_RUN,
  PUT_MESSAGE,
  TAKE_MESSAGE,
} from './scripts';
import { runScript, runVariadicScript } from './script-command';
import { parseEventEntry, ReadPositions, type EventEntry } from './stream-entries';

const LIST_SCAN_BATCH = 100;
/** A filtered page stops scanning after this many index entries and offers to continue from there. */
const LIST_SCAN_LIMIT = 20_000;
/** Stream entries (batches of events) fetched per XRANGE. */
const READ_ENTRIES = 64;

type Hash = Record<string, string>;

const stripSearch = (run: RunRecord & { search?: string }): RunRecord => {
  const { search: _search, ...record } = run;
  return record;
};

const hashNumber = z.coerce.number();
const optionalHashNumber = hashNumber.optional();

/** A run hash as CREATE_RUN and APPEND_EVENTS write it (every value is text in Redis). */
const runHash = z.object({
  channelId: z.string(),
  owner: z.string(),
  status: z.enum(RUN_STATUSES),
  engine: z.string(),
  model: z.string(),
  request: z.string(),
  timezone: z.string(),
  title: z.string(),
  createdAt: hashNumber,
  startedAt: optionalHashNumber,
  firstTokenAt: optionalHashNumber,
  waitBeforeFirstTokenMs: optionalHashNumber,
  endedAt: optionalHashNumber,
  answerDueAt: optionalHashNumber,
  outputTokens: hashNumber.default(0),
  error: z.string().optional(),
  retryOf: z.string().optional(),
  retriedAs: z.string().optional(),
  /** JSON array of the request's function names (runs stored before it lack it). */
  functionNames: z.string().optional(),
});

/** A notices stream entry as JOURNAL_NOTICE writes it. */
const noticeEntry = z.object({
  channelId: z.string(),
  owner: z.string(),
  status: z.enum(NOTICE_STATUSES),
  at: hashNumber,
  model: z.string().default(''),
  outputTokens: hashNumber.default(0),
  durationMs: hashNumber.default(0),
  error: z.string().optional(),
});

function toRecord(hash: Hash): RunRecord | undefined {
  if (!hash.channelId) return undefined;
  const { request, functionNames, ...fields } = runHash.parse(hash);
  // The request was checked with the dispatch schema when the run was created; it is parsed when read.
  const record = withLazyRequest(fields, request);
  return Object.assign(record, {
    // Runs stored before function names were kept beside the request: read them from it.
    functionNames: functionNames
      ? z.array(z.string()).parse(JSON.parse(functionNames))
      : functionNamesOf(record.request),
  });
}

/** Field/value pairs of a patch, skipping undefined values. */
function patchPairs(patch: RunPatch | Record<string, unknown>): string[] {
  return Object.entries(patch).flatMap(([field, value]) =>
    value === undefined ? [] : [field, String(value)],
  );
}

/** One channel's append as APPEND_EVENTS takes it. */
interface AppendCall {
  channelId: string;
  events: ChannelEvent[];
  jsons: string[];
  patch: RunPatch;
  onlyIfStatus: readonly RunStatus[];
}

function appendCall(
  channelId: string,
  events: ChannelEvent[],
  patch: RunPatch = {},
  onlyIfStatus: readonly RunStatus[] = [],
): AppendCall {
  return { channelId, events, jsons: eventJsonsOf(events), patch, onlyIfStatus };
}

/** The call's events as stored from seq `first` (none when the script stored nothing: -1). */
const storedEvents = (call: AppendCall, first: number, at: number): StoredEvent[] =>
  first < 0
    ? []
    : call.events.map((event, index) => ({ seq: first + index, at, event, json: call.jsons[index] }));

/** A mailbox list entry: when it expires, then the message (see scripts.ts). */
const mailboxEntry = (message: unknown, expiresAt: number) => `${expiresAt}\n${JSON.stringify(message)}`;

export class RedisRunStore implements RunStore {
  /**
   * A quarter of the appends of 512-event batches: each costs the worker a script call and a socket
   * write, and every web process a notification. 100,000-token runs: worker CPU 9-16 → 6-11 ticks per
   * run. Subscribers still read 2,000 events at a time, going on from the entry a read stopped inside
   * (stream-entries.ts). SQLite keeps 512: with 2,048 its throughput figure fell from 0.90× to 0.86× raw.
   */
  readonly eventsPerAppend = 2048;
  /** Where each channel's last read stopped, for the read that continues there. */
  private readonly readPositions: ReadPositions;
  /** Appends of events under way from this process, by channel (isAppending). */
  private readonly appending = new Map<string, number>();

  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
    /** Ended runs and their events expire this long after they end. */
    private readonly retentionMs: number,
  ) {
    this.readPositions = new ReadPositions(retentionMs);
  }

  async createRun(run: NewRun, room?: QueueRoom): Promise<void> {
    const { request, retryOf, ...fields } = run;
    const created = await runScript(
      this.redis,
      CREATE_RUN,
      this.runKeys(run.channelId),
      {
        operationId: randomUUID(),
        prefix: this.keys.prefix,
        channelId: run.channelId,
        createdAt: run.createdAt,
        status: 'queued',
        maxQueued: room?.maxQueued ?? -1,
      },
      patchPairs({
        ...fields,
        retryOf,
        request: JSON.stringify(request),
        functionNames: JSON.stringify(functionNamesOf(request)),
        search: searchTextOf(run),
        status: 'queued',
        outputTokens: 0,
        lastSeq: 0,
      }),
    );
    if (created === 0) throw new ApiError('CONFLICT', `Channel ${run.channelId} is already in use`);
    if (created < 0) throw queueFullError(-1 - created, room?.concurrency ?? 1);
  }

  private runKeys(channelId: string) {
    return {
      run: this.keys.run(channelId),
      events: this.keys.events(channelId),
      operations: this.keys.operations(channelId),
    };
  }

  async getRun(channelId: string): Promise<RunRecord | undefined> {
    return toRecord(await this.redis.hgetall(this.keys.run(channelId)));
  }

  async updateRun(channelId: string, patch: RunPatch): Promise<void> {
    await this.appendOne(appendCall(channelId, [], patch), Date.now());
  }

  async transitionRun(
    channelId: string,
    from: readonly RunStatus[],
    patch: RunPatch & { status: RunStatus },
  ): Promise<boolean> {
    return (await this.appendOne(appendCall(channelId, [], patch, from), Date.now())) > 0;
  }

  async appendEvents(
    channelId: string,
    events: ChannelEvent[],
    runPatch?: RunPatch,
    onlyIfStatus?: readonly RunStatus[],
  ): Promise<StoredEvent[]> {
    const at = Date.now();
    const call = appendCall(channelId, events, runPatch, onlyIfStatus);
    return storedEvents(call, await this.appendOne(call, at), at);
  }

  /** One script call for all, each channel's append atomic within it; one failing leaves the others stored. */
  async appendEventBatches(appends: readonly EventAppend[]): Promise<AppendResult[]> {
    const at = Date.now();
    const calls: (AppendCall | Error)[] = appends.map((append) => {
      try {
        return appendCall(append.channelId, append.events, append.runPatch, append.onlyIfStatus);
      } catch (error) {
        return asError(error); // events that cannot be written as JSON: this append alone fails
      }
    });
    const sendable = calls.filter((call): call is AppendCall => !(call instanceof Error));
    let firsts: (number | Error)[];
    try {
      firsts = await this.appendAll(sendable, at);
    } catch (error) {
      firsts = sendable.map(() => asError(error));
    }
    // The sent calls' answers, in the order they were sent.
    let sent = 0;
    return calls.map((call) => {
      if (call instanceof Error) return call;
      const first = firsts[sent++];
      return first instanceof Error ? first : storedEvents(call, first, at);
    });
  }

  /**
   * Whether this process is appending events to the channel now. The script announces them to every
   * process as it stores them, possibly before its reply gets back here; this process's subscribers
   * hear of them from their writer instead, once the reply is in (the writer then calls the bus).
   */
  isAppending(channelId: string): boolean {
    return this.appending.has(channelId);
  }

  /**
   * Runs APPEND_EVENTS for the calls; returns each one's first seq (-1: the run is missing or not in an
   * allowed status) or the error that stopped it.
   */
  private async appendAll(calls: readonly AppendCall[], at: number): Promise<(number | Error)[]> {
    if (calls.length === 0) return [];
    const keys = calls.flatMap(({ channelId }) => [this.keys.run(channelId), this.keys.events(channelId)]);
    keys.push(this.keys.appendOperations(randomUUID()));
    const args = calls.flatMap((call) => {
      const pairs = patchPairs(call.patch);
      return [
        call.channelId,
        call.onlyIfStatus.join(','),
        call.jsons.length,
        packEventJsons(call.jsons),
        pairs.length / 2,
        ...pairs,
      ];
    });
    const appending = calls.filter((call) => call.jsons.length > 0).map((call) => call.channelId);
    for (const channelId of appending)
      this.appending.set(channelId, (this.appending.get(channelId) ?? 0) + 1);
    try {
      const results = await runVariadicScript(this.redis, APPEND_EVENTS, keys, [
        this.keys.prefix,
        at,
        this.retentionMs,
        ...args,
      ]);
      return results.map((result) =>
        typeof result === 'number' ? result : new Error(`Redis refused an append of events: ${result}`),
      );
    } finally {
      for (const channelId of appending) {
        const left = (this.appending.get(channelId) ?? 1) - 1;
        if (left > 0) this.appending.set(channelId, left);
        else this.appending.delete(channelId);
      }
    }
  }

  /** Appends of one channel, by itself: the first seq, or -1; throws what stopped it. */
  private async appendOne(call: AppendCall, at: number): Promise<number> {
    const [first] = await this.appendAll([call], at);
    if (first instanceof Error) throw first;
    return first;
  }

  /**
   * Newest first, scanning the owner's index down from the cursor; index entries of expired runs are
   * dropped. Engine, source and text filters are applied to the records read; a filtered page that has scanned
   * LIST_SCAN_LIMIT entries stops there and continues from the last one scanned.
   */
  async listRuns(query: RunListQuery): Promise<RunListPage> {
    const key = this.keys.ownerRuns(query.owner, query.status);
    const cursor = query.cursor ? decodeRunCursor(query.cursor) : undefined;
    const search = query.search ? normalizeSearch(query.search) : undefined;
    const matches = (run: RunRecord & { search?: string }) =>
      (!query.engine || run.engine === query.engine) &&
      isFromSource(run.channelId, query.source) &&
      (!search || (run.search ?? '').includes(search));
    const items: RunRecord[] = [];
    let scanned = 0;
    let lastScanned: { createdAt: number; channelId: string } | undefined;
    for (let offset = 0; items.length <= query.limit;) {
      const flat = await this.redis.zrange(
        key,
        cursor?.createdAt ?? '+inf',
        query.createdAfter === undefined ? '-inf' : String(query.createdAfter),
        'BYSCORE',
        'REV',
        'LIMIT',
        offset,
        LIST_SCAN_BATCH,
        'WITHSCORES',
      );
      const ids: string[] = [];
      for (let index = 0; index < flat.length; index += 2) {
        const [id, score] = [flat[index], Number(flat[index + 1])];
        // Equal scores come in descending id order, as the cursor expects.
        if (!cursor || score < cursor.createdAt || id < cursor.channelId) ids.push(id);
      }
      const runs = await this.getRuns(ids, true);
      const expired = ids.filter((_, index) => !runs[index]);
      if (expired.length > 0) await this.redis.zrem(key, ...expired);
      for (const run of runs) {
        if (!run) continue;
        scanned += 1;
        lastScanned = run;
        if (matches(run)) items.push(stripSearch(run));
        if (items.length > query.limit) break;
      }
      if (flat.length < LIST_SCAN_BATCH * 2) break;
      if (scanned >= LIST_SCAN_LIMIT && items.length <= query.limit) {
        return { items, nextCursor: lastScanned && encodeRunCursor(lastScanned) };
      }
      offset += flat.length / 2 - expired.length;
    }
    const pageItems = items.slice(0, query.limit);
    const last = pageItems.at(-1);
    return {
      items: pageItems,
      nextCursor: items.length > query.limit && last ? encodeRunCursor(last) : undefined,
    };
  }

  /** With `withSearch`, records keep their `search` text for filtering (stripSearch removes it). */
  private async getRuns(ids: string[], withSearch = false): Promise<(RunRecord | undefined)[]> {
    if (ids.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const id of ids) pipeline.hgetall(this.keys.run(id));
    const results = (await pipeline.exec()) ?? [];
    return results.map(([error, hash]) => {
      if (error) return undefined;
      const record = toRecord(hash as Hash);
      return record && withSearch ? { ...record, search: (hash as Hash).search } : record;
    });
  }

  async findRunsByStatus(statuses: readonly RunStatus[]): Promise<RunRecord[]> {
    const ids = (
      await Promise.all(statuses.map((status) => this.redis.zrange(this.keys.statusRuns(status), '0', '-1')))
    ).flat();
    const runs = (await this.getRuns(ids)).filter(
      (run): run is RunRecord => run !== undefined && statuses.includes(run.status),
    );
    return runs.sort((a, b) => a.createdAt - b.createdAt || (a.channelId < b.channelId ? -1 : 1));
  }

  /**
   * Each stream entry is a batch (id `<first seq>-0`): start at the one holding seq after+1. It and the
   * entries after it are asked for together, in one round trip (a subscriber's first event waits for it),
   * unless the last read of the channel stopped just before (stream-entries.ts): then inside a kept entry
   * (only those after it are asked for), or at an entry's end (the next entry starts at after+1).
   * The range ends at the entry holding seq after+limit: a reader behind a run streaming at full speed
   * (2,048-event entries) would otherwise get READ_ENTRIES entries (~4 MB) per read and keep 2,000 events.
   */
  async readEventJson(
    channelId: string,
    afterSeq: number,
    limit: number,
    maxBytes = Number.POSITIVE_INFINITY,
  ): Promise<StoredEventJson[]> {
    const key = this.keys.events(channelId);
    const lastWantedId = Number.isFinite(limit) ? `${afterSeq + limit}-0` : '+';
    const range = async (start: string) =>
      (await this.redis.xrange(key, start, lastWantedId, 'COUNT', String(READ_ENTRIES))).map(parseEventEntry);
    const known = this.readPositions.startOf(channelId, afterSeq + 1);
    let holding: EventEntry | undefined;
    let entries: EventEntry[];
    if (known && 'inside' in known) {
      holding = known.inside;
      entries = await range(`(${holding.firstSeq}-0`);
    } else if (known) entries = await range(`${known.entryStartsAt}-0`);
    else {
      const holdingId = `${afterSeq + 1}-0`;
      const [[found], after] = await Promise.all([
        this.redis.xrevrange(key, holdingId, '-', 'COUNT', '1'),
        range(`(${holdingId}`),
      ]);
      holding = found && parseEventEntry(found);
      entries = after;
    }
    const events: StoredEventJson[] = [];
    let bytes = 0;
    let more = entries.length === READ_ENTRIES;
    let batches = holding ? [holding, ...entries] : entries;
    /** The last entry read to its end. */
    let lastRead: EventEntry | undefined;
    for (;;) {
      for (const batch of batches) {
        // Entries come whole from Redis; the budget still keeps the events handed on small.
        if (events.length > 0 && bytes + batch.body.length > maxBytes)
          return this.stoppedAfter(channelId, lastRead, events);
        bytes += batch.body.length;
        if (unpackEventBatch(batch, afterSeq, events, limit)) {
          if (events[events.length - 1].seq < batch.lastSeq)
            this.readPositions.stoppedInside(channelId, batch);
          else this.readPositions.stoppedAtEnd(channelId, batch);
          return events;
        }
        lastRead = batch;
      }
      if (!more || batches.length === 0) {
        // Nothing yet after the entry the last read ended with: the next read still starts at the next one.
        if (!lastRead && known && !('inside' in known)) return events;
        return this.stoppedAfter(channelId, lastRead, events);
      }
      batches = await range(`(${batches[batches.length - 1].firstSeq}-0`);
      more = batches.length === READ_ENTRIES;
    }
  }

  /** A read ended after reading `lastRead` to its end: the next one starts at the entry after it. */
  private stoppedAfter(
    channelId: string,
    lastRead: EventEntry | undefined,
    events: StoredEventJson[],
  ): StoredEventJson[] {
    if (lastRead) this.readPositions.stoppedAtEnd(channelId, lastRead);
    else this.readPositions.forget(channelId);
    return events;
  }

  async lastSeq(channelId: string): Promise<number> {
    return Number((await this.redis.hget(this.keys.run(channelId), 'lastSeq')) ?? 0);
  }

  async putMailboxMessage(channel: string, message: unknown, ttlMs: number): Promise<void> {
    const now = Date.now();
    await runScript(
      this.redis,
      PUT_MESSAGE,
      { mailbox: this.keys.mailbox(channel), operations: this.keys.mailboxOperations(channel) },
      { operationId: randomUUID(), entry: mailboxEntry(message, now + ttlMs), ttlMs, now },
    );
  }

  async takeMailboxMessage(channel: string): Promise<{ message: unknown } | undefined> {
    const entry = await runScript(
      this.redis,
      TAKE_MESSAGE,
      { mailbox: this.keys.mailbox(channel), operations: this.keys.mailboxOperations(channel) },
      { operationId: randomUUID(), now: Date.now() },
    );
    return entry === null ? undefined : { message: JSON.parse(entry.slice(entry.indexOf('\n') + 1)) };
  }

  async holdMailboxWaiter(mailbox: string, waiter: string, leaseUntil: number): Promise<void> {
    const key = this.keys.mailboxWaiters(mailbox);
    // The set outlives any one lease (leases are short); lapsed members are dropped when it is read.
    const keepMs = Math.max(0, leaseUntil - Date.now()) + 60 * 60_000;
    await this.redis.multi().zadd(key, leaseUntil, waiter).pexpire(key, keepMs).exec();
  }

  async releaseMailboxWaiter(mailbox: string, waiter: string): Promise<void> {
    await this.redis.zrem(this.keys.mailboxWaiters(mailbox), waiter);
  }

  async broadcastMailboxMessage(mailbox: string, message: unknown, ttlMs: number): Promise<number> {
    const now = Date.now();
    return runScript(
      this.redis,
      BROADCAST_MESSAGE,
      {
        mailbox: this.keys.mailbox(mailbox),
        waiters: this.keys.mailboxWaiters(mailbox),
        operations: this.keys.mailboxOperations(mailbox),
      },
      { operationId: randomUUID(), entry: mailboxEntry(message, now + ttlMs), ttlMs, now },
    );
  }

  /** A revoked session's key expires with the session itself. */
  async revokeSession(sessionId: string, expiresAt: number): Promise<void> {
    await this.redis.set(this.keys.revokedSession(sessionId), '1', 'PX', Math.max(1, expiresAt - Date.now()));
  }

  async isSessionRevoked(sessionId: string): Promise<boolean> {
    return (await this.redis.exists(this.keys.revokedSession(sessionId))) === 1;
  }

  async readNotices(afterId: string | undefined, limit: number): Promise<RunNotice[]> {
    const entries = await this.redis.xrange(
      this.keys.notices,
      afterId ? `(${afterId}` : '-',
      '+',
      'COUNT',
      limit,
    );
    return entries.map(([id, fields]) => {
      const entry: Hash = {};
      for (let index = 0; index + 1 < fields.length; index += 2) entry[fields[index]] = fields[index + 1];
      return { id, ...noticeEntry.parse(entry) };
    });
  }

  async lastNoticeId(): Promise<string | undefined> {
    const [last] = await this.redis.xrevrange(this.keys.notices, '+', '-', 'COUNT', 1);
    return last?.[0];
  }

  async readOverviewBuckets(owner: string, sizeMs: number, from: number): Promise<OverviewBucket[]> {
    const starts: number[] = [];
    for (let start = bucketStart(from, sizeMs); start <= Date.now(); start += sizeMs) {
      if (start >= from) starts.push(start);
    }
    const pipeline = this.redis.pipeline();
    for (const start of starts) pipeline.hgetall(this.keys.overviewBucket(owner, sizeMs, start));
    const results = (await pipeline.exec()) ?? [];
    const buckets: OverviewBucket[] = [];
    results.forEach(([error, hash], index) => {
      const entries = Object.entries((hash ?? {}) as Hash);
      if (error || entries.length === 0) return;
      buckets.push({
        start: starts[index],
        fields: Object.fromEntries(entries.map(([field, count]) => [field, Number(count)])),
      });
    });
    return buckets;
  }

  async countActiveRuns(owner: string): Promise<Record<'queued' | 'running' | 'waiting', number>> {
    const [queued, running, waiting] = await Promise.all(
      (['queued', 'running', 'waiting'] as const).map((status) =>
        this.redis.zcard(this.keys.ownerRuns(owner, status)),
      ),
    );
    return { queued, running, waiting };
  }

  /** Runs expire on their own (PEXPIREAT when they end); this also clears their index entries. */
  async deleteEndedBefore(endedBefore: number): Promise<number> {
    // Overview buckets expire on their own; old notices go by time (stream ids start with their ms).
    await this.redis.xtrim(this.keys.notices, 'MINID', endedBefore);
    const ids = await this.redis.zrange(this.keys.endedRuns, '-inf', `(${endedBefore}`, 'BYSCORE');
    for (const id of ids) {
      await runScript(this.redis, DELETE_RUN, this.runKeys(id), { prefix: this.keys.prefix, channelId: id });
      this.readPositions.forget(id);
    }
    return ids.length;
  }

  /** Fails at once while disconnected, rather than waiting in ioredis's offline queue. */
  async ping(): Promise<void> {
    if (this.redis.status !== 'ready') throw new Error(`connection ${this.redis.status}`);
    await this.redis.ping();
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => undefined);
  }
}
