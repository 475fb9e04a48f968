// One contract for every RunStore: the embedded SQLite file and Redis behave the same.
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import type { ChannelEvent } from '@/lib/events';
import { redisKeys } from '@/lib/backends/redis/keys';
import {
  CARRIED_BATCH_MAX_CHARS,
  MAX_NOTICES_MESSAGE_CHARS,
  parseAppendedMessage,
} from '@/lib/backends/redis/appended-message';
import { APPEND_EVENTS, TAKE_MESSAGE } from '@/lib/backends/redis/scripts';
import { runScript, runVariadicScript } from '@/lib/backends/redis/script-command';
import { connectRedis } from '@/lib/backends/redis/connection';
import { RedisRunStore } from '@/lib/backends/redis/store';
import { SqliteRunStore } from '@/lib/backends/embedded/sqlite-store';
import { waiterMailbox, type NewRun } from '@/lib/store/types';
import { tempDataDir } from '../support/next-server';
import { storeBackends } from '../support/store-backends';
import { dropPrefix, REDIS_URL, testRedis, uniquePrefix } from '../support/redis';
import { readEvents } from '../support/stored-events';

const HOUR = 60 * 60 * 1000;
const inspector = testRedis();

const { backends, dropAll } = storeBackends('store');
afterAll(async () => {
  await dropAll();
  await inspector.quit();
});

let counter = 0;
function newRun(overrides: Partial<NewRun> = {}): NewRun {
  counter += 1;
  return {
    channelId: `contract-${counter}-${Date.now()}`,
    owner: 'owner-a',
    engine: 'local',
    model: 'local',
    request: { messages: [{ type: 'user', text: 'hello' }] },
    timezone: 'UTC',
    title: 'hello',
    createdAt: 1_000_000 + counter,
    ...overrides,
  } as NewRun;
}

const token = (text: string): ChannelEvent => ({ type: 'token', data: { token: text } });

describe.each(backends)('RunStore contract: %s', (_name, makeStore) => {
  const store = makeStore();
  afterAll(() => store.close());

  it('creates a queued run, reads it back and refuses the same channel id with CONFLICT', async () => {
    const run = newRun({ retryOf: 'earlier' });
    await store.createRun(run);
    const stored = await store.getRun(run.channelId);
    expect(stored).toMatchObject({ ...run, status: 'queued', outputTokens: 0 });
    expect(stored?.startedAt).toBeUndefined();
    await expect(store.createRun(run)).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await store.getRun('missing-run')).toBeUndefined();
  });

  it('keeps the run a retry made of a run, in its record and in lists', async () => {
    const run = newRun({ owner: `retried-${Date.now()}` });
    await store.createRun(run);
    await store.updateRun(run.channelId, { retriedAs: 'the-retry' });
    expect((await store.getRun(run.channelId))?.retriedAs).toBe('the-retry');
    const listed = await store.listRuns({ owner: run.owner, limit: 10 });
    expect(listed.items.map((item) => item.retriedAs)).toEqual(['the-retry']);
  });

  it("creates a run within the queue's room and refuses one past it with TOO_MANY_REQUESTS, storing nothing", async () => {
    const queuedBefore = (await store.findRunsByStatus(['queued'])).length;
    const room = { maxQueued: queuedBefore + 1, concurrency: 2 };
    const fits = newRun();
    await store.createRun(fits, room);
    expect((await store.getRun(fits.channelId))?.status).toBe('queued');
    const refused = newRun();
    await expect(store.createRun(refused, room)).rejects.toMatchObject({
      code: 'TOO_MANY_REQUESTS',
      extra: { retryAfterSeconds: 1 },
    });
    expect(await store.getRun(refused.channelId)).toBeUndefined();
    // Without a room the store does not count.
    await store.createRun(refused);
    expect((await store.getRun(refused.channelId))?.status).toBe('queued');
  });

  it('appends events with seq 1..n across calls and reads them after any seq', async () => {
    const run = newRun();
    await store.createRun(run);
    const first = await store.appendEvents(run.channelId, [token('a'), token('b')]);
    const second = await store.appendEvents(run.channelId, [token('c')]);
    expect([...first, ...second].map((event) => event.seq)).toEqual([1, 2, 3]);
    expect(await store.lastSeq(run.channelId)).toBe(3);
    const all = await readEvents(store, run.channelId, 0, 100);
    expect(all.map((stored) => stored.event)).toEqual([token('a'), token('b'), token('c')]);
    expect((await readEvents(store, run.channelId, 1, 1)).map((stored) => stored.seq)).toEqual([2]);
    expect(await readEvents(store, run.channelId, 3, 100)).toEqual([]);
  });

  it('reads a long channel in parts, each read going on inside the batch where the last one stopped', async () => {
    const run = newRun();
    await store.createRun(run);
    const texts = Array.from({ length: 12 }, (_, index) => `t${index + 1}`);
    for (let batch = 0; batch < 3; batch += 1)
      await store.appendEvents(run.channelId, texts.slice(batch * 4, batch * 4 + 4).map(token));
    const seen: string[] = [];
    let after = 0;
    for (;;) {
      const part = await store.readEventJson(run.channelId, after, 3);
      if (part.length === 0) break;
      expect(part.map((stored) => stored.seq)).toEqual(part.map((_, index) => after + index + 1));
      seen.push(...part.map((stored) => (JSON.parse(stored.json) as { data: { token: string } }).data.token));
      after = part[part.length - 1].seq;
    }
    expect(seen).toEqual(texts);
    // Events stored after a read that reached the end are read from there.
    await store.appendEvents(run.channelId, [token('t13'), token('t14')]);
    expect((await store.readEventJson(run.channelId, 12, 3)).map((stored) => stored.seq)).toEqual([13, 14]);
    // Back to a batch read before, and on from the middle of another.
    expect((await store.readEventJson(run.channelId, 1, 2)).map((stored) => stored.seq)).toEqual([2, 3]);
    expect((await store.readEventJson(run.channelId, 6, 3)).map((stored) => stored.seq)).toEqual([7, 8, 9]);
  });

  it('reads nothing of a deleted run, even where a read stopped inside one of its batches', async () => {
    const run = newRun();
    await store.createRun(run);
    await store.appendEvents(run.channelId, [token('a'), token('b'), token('c')], {
      status: 'completed',
      endedAt: Date.now() - 2 * HOUR,
    });
    expect((await store.readEventJson(run.channelId, 0, 1)).map((stored) => stored.seq)).toEqual([1]);
    const ended = newRun();
    await store.createRun(ended);
    await store.appendEvents(ended.channelId, [token('a')], {
      status: 'completed',
      endedAt: Date.now() - 2 * HOUR,
    });
    expect(await store.readEventJson(ended.channelId, 0, 10)).toHaveLength(1);
    await store.deleteEndedBefore(Date.now() - HOUR);
    expect(await store.readEventJson(run.channelId, 1, 10)).toEqual([]);
    expect(await store.readEventJson(ended.channelId, 0, 10)).toEqual([]);
    expect(await store.readEventJson(ended.channelId, 1, 10)).toEqual([]);
  });

  it('stores several channels’ appends in one write, each with its own seqs and patch, in order', async () => {
    const one = newRun();
    const two = newRun();
    await store.createRun(one);
    await store.createRun(two);
    await store.appendEvents(one.channelId, [token('a')]);
    const endedAt = Date.now();
    const results = await store.appendEventBatches([
      { channelId: one.channelId, events: [token('b'), token('c')], runPatch: { outputTokens: 3 } },
      { channelId: two.channelId, events: [token('x')] },
      { channelId: two.channelId, events: [token('y')], runPatch: { status: 'completed', endedAt } },
    ]);
    expect(
      results.map((stored) => (stored instanceof Error ? stored : stored.map((event) => event.seq))),
    ).toEqual([[2, 3], [1], [2]]);
    expect((await readEvents(store, one.channelId, 0, 10)).map((stored) => stored.event)).toEqual([
      token('a'),
      token('b'),
      token('c'),
    ]);
    expect((await readEvents(store, two.channelId, 0, 10)).map((stored) => stored.event)).toEqual([
      token('x'),
      token('y'),
    ]);
    expect(await store.getRun(one.channelId)).toMatchObject({ outputTokens: 3, status: 'queued' });
    expect(await store.getRun(two.channelId)).toMatchObject({ status: 'completed', endedAt });
  });

  it("stores a group commit's append only while its run is in the allowed statuses, when asked", async () => {
    const live = newRun();
    const ended = newRun();
    for (const run of [live, ended]) {
      await store.createRun(run);
      await store.appendEvents(run.channelId, [token('a')], { status: 'running', startedAt: 1 });
    }
    const endedAt = Date.now();
    await store.appendEvents(ended.channelId, [{ type: 'completeEnd', data: {} }], {
      status: 'failed',
      endedAt,
    });
    const whileLive = ['running', 'waiting'] as const;
    const results = await store.appendEventBatches([
      { channelId: live.channelId, events: [token('b')], onlyIfStatus: whileLive },
      { channelId: ended.channelId, events: [token('late')], onlyIfStatus: whileLive },
      {
        channelId: ended.channelId,
        events: [token('end')],
        runPatch: { status: 'completed', endedAt: endedAt + 1 },
        onlyIfStatus: whileLive,
      },
      { channelId: ended.channelId, events: [], runPatch: { outputTokens: 9 }, onlyIfStatus: whileLive },
    ]);
    expect(results.map((stored) => (stored instanceof Error ? stored : stored.length))).toEqual([1, 0, 0, 0]);
    const seqs = async (channelId: string) =>
      (await readEvents(store, channelId, 0, 10)).map((stored) => stored.seq);
    expect(await seqs(live.channelId)).toEqual([1, 2]);
    expect(await seqs(ended.channelId)).toEqual([1, 2]);
    expect(await store.getRun(ended.channelId)).toMatchObject({ status: 'failed', endedAt });
    expect((await store.getRun(ended.channelId))?.outputTokens ?? 0).not.toBe(9);
  });

  it('applies a patch together with events, and only in an allowed status when asked', async () => {
    const run = newRun();
    await store.createRun(run);
    expect(await store.transitionRun(run.channelId, ['running'], { status: 'failed' })).toBe(false);
    expect(await store.transitionRun(run.channelId, ['queued'], { status: 'running', startedAt: 5 })).toBe(
      true,
    );
    const refused = await store.appendEvents(run.channelId, [token('x')], { status: 'cancelled' }, [
      'queued',
    ]);
    expect(refused).toEqual([]);
    expect(await store.lastSeq(run.channelId)).toBe(0);
    const endedAt = Date.now();
    await store.appendEvents(run.channelId, [token('y')], { status: 'completed', endedAt, outputTokens: 1 }, [
      'running',
    ]);
    expect(await store.getRun(run.channelId)).toMatchObject({
      status: 'completed',
      startedAt: 5,
      endedAt,
      outputTokens: 1,
    });
    expect(await store.findRunsByStatus(['running'])).not.toContainEqual(
      expect.objectContaining({ channelId: run.channelId }),
    );
  });

  it('lists an owner’s runs newest first by status with a cursor, never another owner’s', async () => {
    const owner = `lister-${counter}-${Date.now()}`;
    const runs = Array.from({ length: 7 }, (_, index) =>
      newRun({ owner, createdAt: 2_000_000 + Math.floor(index / 2) }),
    );
    for (const run of runs) await store.createRun(run);
    await store.createRun(newRun({ owner: 'someone-else' }));
    await store.transitionRun(runs[0].channelId, ['queued'], { status: 'running' });
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await store.listRuns({ owner, limit: 3, cursor });
      seen.push(...page.items.map((run) => run.channelId));
      cursor = page.nextCursor;
    } while (cursor);
    const expected = [...runs].sort(
      (a, b) => b.createdAt - a.createdAt || (a.channelId < b.channelId ? 1 : -1),
    );
    expect(seen).toEqual(expected.map((run) => run.channelId));
    const running = await store.listRuns({ owner, status: 'running', limit: 10 });
    expect(running.items.map((run) => run.channelId)).toEqual([runs[0].channelId]);
    const queued = await store.listRuns({ owner, status: 'queued', limit: 10 });
    expect(queued.items).toHaveLength(6);
    const byStatus = await store.findRunsByStatus(['running']);
    expect(byStatus.map((run) => run.channelId)).toContain(runs[0].channelId);
  });

  it('lists an experiment’s runs or only the others, by the channel id an experiment gives its cells', async () => {
    const owner = `source-${counter}-${Date.now()}`;
    const cell = newRun({ owner, channelId: `exp_0123456789abcdef0123-4-1-0`, createdAt: 3_000_002 });
    const direct = newRun({ owner, createdAt: 3_000_001 });
    // Looks like an experiment's id but is not a cell's channel id (no row, variant and attempt).
    const lookalike = newRun({ owner, channelId: `exp_0123456789abcdef0123-mine`, createdAt: 3_000_000 });
    for (const run of [cell, direct, lookalike]) await store.createRun(run);
    const listed = async (source?: 'experiment' | 'other') =>
      (await store.listRuns({ owner, source, limit: 10 })).items.map((run) => run.channelId);
    expect(await listed('experiment')).toEqual([cell.channelId]);
    expect(await listed('other')).toEqual([direct.channelId, lookalike.channelId]);
    expect(await listed()).toEqual([cell.channelId, direct.channelId, lookalike.channelId]);
  });

  it('keeps published messages in order until taken, per mailbox', async () => {
    const mailbox = `mailbox-${counter}-${Date.now()}`;
    await store.putMailboxMessage(mailbox, { n: 1 }, HOUR);
    await store.putMailboxMessage(mailbox, { n: 2 }, HOUR);
    expect(await store.takeMailboxMessage(`${mailbox}-other`)).toBeUndefined();
    expect(await store.takeMailboxMessage(mailbox)).toEqual({ message: { n: 1 } });
    expect(await store.takeMailboxMessage(mailbox)).toEqual({ message: { n: 2 } });
    expect(await store.takeMailboxMessage(mailbox)).toBeUndefined();
  });

  it('never hands out a published message older than its time to live', async () => {
    const mailbox = `expiring-${counter}-${Date.now()}`;
    const shortExpiresAt = Date.now() + 50;
    await store.putMailboxMessage(mailbox, { n: 'short' }, 50);
    await store.putMailboxMessage(mailbox, { n: 'long' }, HOUR);
    // Once the short one's time has passed (the clock, not a pause, says so), a take skips it.
    await expect.poll(() => Date.now(), { interval: 5 }).toBeGreaterThan(shortExpiresAt + 1);
    expect(await store.takeMailboxMessage(mailbox)).toEqual({ message: { n: 'long' } });
    expect(await store.takeMailboxMessage(mailbox)).toBeUndefined();
  });

  it('broadcasts to every waiter holding a live lease, else leaves the message for the next waiter', async () => {
    const mailbox = `waited-${counter}-${Date.now()}`;
    const own = (waiter: string) => waiterMailbox(mailbox, waiter);
    // Nobody waits: the shared mailbox keeps it.
    expect(await store.broadcastMailboxMessage(mailbox, { n: 0 }, HOUR)).toBe(0);
    expect(await store.takeMailboxMessage(mailbox)).toEqual({ message: { n: 0 } });

    await store.holdMailboxWaiter(mailbox, 'run-a', Date.now() + HOUR);
    await store.holdMailboxWaiter(mailbox, 'run-b', Date.now() + HOUR);
    await store.holdMailboxWaiter(mailbox, 'run-dead', Date.now() - 1); // its lease ran out
    expect(await store.broadcastMailboxMessage(mailbox, { n: 1 }, HOUR)).toBe(2);
    expect(await store.takeMailboxMessage(own('run-a'))).toEqual({ message: { n: 1 } });
    expect(await store.takeMailboxMessage(own('run-b'))).toEqual({ message: { n: 1 } });
    expect(await store.takeMailboxMessage(own('run-dead'))).toBeUndefined();
    expect(await store.takeMailboxMessage(mailbox)).toBeUndefined();

    await store.releaseMailboxWaiter(mailbox, 'run-a');
    expect(await store.broadcastMailboxMessage(mailbox, { n: 2 }, HOUR)).toBe(1);
    expect(await store.takeMailboxMessage(own('run-a'))).toBeUndefined();
    expect(await store.takeMailboxMessage(own('run-b'))).toEqual({ message: { n: 2 } });
  });

  it('remembers a revoked session until it would have expired, and only that one', async () => {
    const revoked = `session-${Date.now()}-a`;
    expect(await store.isSessionRevoked(revoked)).toBe(false);
    await store.revokeSession(revoked, Date.now() + HOUR);
    expect(await store.isSessionRevoked(revoked)).toBe(true);
    expect(await store.isSessionRevoked(`session-${Date.now()}-b`)).toBe(false);
  });

  it('deletes runs that ended before the cutoff with their events, and keeps the others', async () => {
    const old = newRun();
    const recent = newRun();
    const active = newRun();
    for (const run of [old, recent, active]) await store.createRun(run);
    await store.appendEvents(old.channelId, [token('old')], {
      status: 'completed',
      endedAt: Date.now() - 2 * HOUR,
    });
    await store.appendEvents(recent.channelId, [token('new')], { status: 'completed', endedAt: Date.now() });
    expect(await store.deleteEndedBefore(Date.now() - HOUR)).toBeGreaterThanOrEqual(1);
    expect(await store.getRun(old.channelId)).toBeUndefined();
    expect(await readEvents(store, old.channelId, 0, 10)).toEqual([]);
    expect(await store.getRun(recent.channelId)).toBeDefined();
    expect(await store.getRun(active.channelId)).toBeDefined();
    const listed = await store.listRuns({ owner: 'owner-a', limit: 1000 });
    expect(listed.items.map((run) => run.channelId)).not.toContain(old.channelId);
  });
});

describe('SQLite store: what it remembers of the file', () => {
  const seqsOf = async (store: SqliteRunStore, channelId: string) =>
    (await readEvents(store, channelId, 0, 100)).map((stored) => stored.seq);

  it('takes no seq from a group commit that failed: the appends stored alone after it go on without a gap', async () => {
    const store = new SqliteRunStore(path.join(tempDataDir(), 'dispatch.sqlite'));
    await store.appendEvents('run-x', [token('a')]);
    const unstorable = { type: 'message', data: { size: 1n } } as unknown as ChannelEvent;
    const results = await store.appendEventBatches([
      { channelId: 'run-x', events: [token('b')] },
      { channelId: 'run-y', events: [unstorable] },
    ]);
    expect(results[0]).toEqual([expect.objectContaining({ seq: 2 })]);
    expect(results[1]).toBeInstanceOf(Error);
    await store.appendEvents('run-x', [token('c')]);
    expect(await seqsOf(store, 'run-x')).toEqual([1, 2, 3]);
    expect(await store.lastSeq('run-y')).toBe(0);
    await store.close();
  });

  it('gives the next seq when another connection appended to the same channel meanwhile', async () => {
    const file = path.join(tempDataDir(), 'dispatch.sqlite');
    const first = new SqliteRunStore(file);
    const second = new SqliteRunStore(file);
    await first.appendEvents('run-x', [token('a')]);
    await second.appendEvents('run-x', [token('b')]);
    expect((await first.appendEvents('run-x', [token('c')]))[0].seq).toBe(3);
    expect(await first.lastSeq('run-x')).toBe(3);
    expect(await seqsOf(second, 'run-x')).toEqual([1, 2, 3]);
    await second.close();
    await first.close();
  });

  it('forgets the channels retention deleted, with their keys', async () => {
    const file = path.join(tempDataDir(), 'dispatch.sqlite');
    const store = new SqliteRunStore(file);
    const run = newRun();
    await store.createRun(run);
    await store.appendEvents(run.channelId, [token('a'), token('b')], {
      status: 'completed',
      endedAt: Date.now() - 2 * HOUR,
    });
    expect(await store.lastSeq(run.channelId)).toBe(2);
    await store.deleteEndedBefore(Date.now() - HOUR);
    expect(await store.lastSeq(run.channelId)).toBe(0);
    expect(await seqsOf(store, run.channelId)).toEqual([]);
    await store.close();
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(file, { readonly: true });
    const keys = db
      .prepare('SELECT count(*) AS count FROM channel_keys WHERE channel_id = ?')
      .get(run.channelId);
    db.close();
    expect(keys).toEqual({ count: 0 });
  });
});

describe('Redis commands resent after a reconnect', () => {
  it('apply once: the same operation id answers what the first call did', async () => {
    const prefix = uniquePrefix('resend');
    const keys = redisKeys(prefix);
    const store = new RedisRunStore(new Redis(REDIS_URL), keys, HOUR);
    const run = newRun();
    await store.createRun(run);
    // One call may carry several appends (a group commit's); a call resent is answered, not applied again.
    const append = (callId: string, texts: string[]) =>
      runVariadicScript(
        inspector,
        APPEND_EVENTS,
        [
          ...texts.flatMap(() => [keys.run(run.channelId), keys.events(run.channelId)]),
          keys.appendOperations(callId),
        ],
        [
          prefix,
          Date.now(),
          HOUR,
          ...texts.flatMap((text) => [run.channelId, '', 1, JSON.stringify(token(text)), 0]),
        ],
      );
    expect(await append('call-1', ['a'])).toEqual([1]);
    expect(await append('call-1', ['a'])).toEqual([1]);
    expect(await append('call-2', ['b', 'c'])).toEqual([2, 3]);
    expect(await append('call-2', ['b', 'c'])).toEqual([2, 3]);
    expect(await store.lastSeq(run.channelId)).toBe(3);
    expect((await readEvents(store, run.channelId, 0, 10)).map((stored) => stored.event)).toEqual(
      ['a', 'b', 'c'].map(token),
    );

    const mailbox = keys.mailbox('m');
    const take = (operationId: string) =>
      runScript(
        inspector,
        TAKE_MESSAGE,
        { mailbox, operations: keys.mailboxOperations('m') },
        { operationId, now: Date.now() },
      );
    await store.putMailboxMessage('m', { n: 1.5 }, HOUR);
    await store.putMailboxMessage('m', { n: 2 }, HOUR);
    const messageOf = (entry: unknown) => String(entry).split('\n')[1];
    expect(messageOf(await take('take-1'))).toBe('{"n":1.5}');
    expect(messageOf(await take('take-1'))).toBe('{"n":1.5}');
    expect(messageOf(await take('take-2'))).toBe('{"n":2}');
    expect(await take('take-3')).toBeNull();
    expect(await take('take-3')).toBeNull();
    await store.close();
    await dropPrefix(inspector, prefix);
  });
});

describe('Redis group commits', () => {
  it('store every other append of a call when one fails in Redis', async () => {
    const prefix = uniquePrefix('group-commit');
    const keys = redisKeys(prefix);
    const store = new RedisRunStore(new Redis(REDIS_URL), keys, HOUR);
    const good = newRun();
    await store.createRun(good);
    await inspector.set(keys.run('broken'), 'not a run hash');
    const results = await store.appendEventBatches([
      { channelId: good.channelId, events: [token('a')] },
      { channelId: 'broken', events: [token('x')] },
      { channelId: good.channelId, events: [token('b')], runPatch: { outputTokens: 2 } },
    ]);
    expect(results[0]).toEqual([expect.objectContaining({ seq: 1 })]);
    expect(results[1]).toBeInstanceOf(Error);
    expect(String(results[1])).toMatch(/WRONGTYPE/);
    expect(results[2]).toEqual([expect.objectContaining({ seq: 2 })]);
    expect(await store.getRun(good.channelId)).toMatchObject({ outputTokens: 2 });
    expect((await readEvents(store, good.channelId, 0, 10)).map((stored) => stored.event)).toEqual(
      ['a', 'b'].map(token),
    );
    await store.close();
    await dropPrefix(inspector, prefix);
  });
});

describe('Redis append notices', () => {
  /** The `appended` messages Redis delivers while `act` runs, as a web process would hear them. */
  async function messagesDuring(prefix: string, act: () => Promise<unknown>): Promise<string[]> {
    const listener = new Redis(REDIS_URL);
    const messages: string[] = [];
    listener.on('message', (_topic: string, message: string) => messages.push(message));
    await listener.subscribe(redisKeys(prefix).appendedTopic);
    await act();
    // A round trip on the listener after the publishes: every message sent before it has arrived.
    await listener.unsubscribe();
    await listener.quit();
    return messages;
  }

  it("announce a group commit's batches in one message, in the order they were stored, each with its events", async () => {
    const prefix = uniquePrefix('notices');
    const store = new RedisRunStore(new Redis(REDIS_URL), redisKeys(prefix), HOUR);
    const runs = [newRun(), newRun(), newRun()];
    for (const run of runs) await store.createRun(run);
    const messages = await messagesDuring(prefix, () =>
      store.appendEventBatches(
        runs.map((run, index) => ({ channelId: run.channelId, events: [token(`t${index}`)] })),
      ),
    );
    expect(messages).toHaveLength(1);
    const notices = parseAppendedMessage(messages[0]);
    expect(notices.map(({ channelId, lastSeq }) => ({ channelId, lastSeq }))).toEqual(
      runs.map((run) => ({ channelId: run.channelId, lastSeq: 1 })),
    );
    expect(
      notices.map((notice) => notice.events()?.map((event) => [event.seq, JSON.parse(event.json)])),
    ).toEqual(runs.map((_run, index) => [[1, token(`t${index}`)]]));
    await store.close();
    await dropPrefix(inspector, prefix);
  });

  it('split a large commit into messages of bounded size, each notice once and in order', async () => {
    const prefix = uniquePrefix('notices-large');
    const store = new RedisRunStore(new Redis(REDIS_URL), redisKeys(prefix), HOUR);
    const runs = Array.from({ length: 80 }, () => newRun());
    for (const run of runs) await store.createRun(run);
    // Each batch is carried (just under the carried limit), so 80 of them pass the message limit.
    const nearlyCarriedLimit = 'x'.repeat(CARRIED_BATCH_MAX_CHARS - 100);
    const messages = await messagesDuring(prefix, () =>
      store.appendEventBatches(
        runs.map((run) => ({ channelId: run.channelId, events: [token(nearlyCarriedLimit)] })),
      ),
    );
    expect(messages.length).toBeGreaterThan(1);
    for (const message of messages) expect(message.length).toBeLessThanOrEqual(MAX_NOTICES_MESSAGE_CHARS);
    const notices = messages.flatMap(parseAppendedMessage);
    expect(notices.map((notice) => notice.channelId)).toEqual(runs.map((run) => run.channelId));
    expect(
      notices.every((notice) => notice.events()?.[0].json === JSON.stringify(token(nearlyCarriedLimit))),
    ).toBe(true);
    await store.close();
    await dropPrefix(inspector, prefix);
  });
});

describe('Redis scripts on an auto-pipelined connection', () => {
  it('run in the same tick as other commands on a new connection (every script is defined when it is made)', async () => {
    const prefix = uniquePrefix('pipelined');
    const keys = redisKeys(prefix);
    const connection = connectRedis(REDIS_URL, prefix, 'commands');
    const store = new RedisRunStore(connection, keys, HOUR);
    const run = newRun();
    // A plain command first opens an auto-pipeline; the scripts must be in it too.
    const [missing] = await Promise.all([store.getRun('nothing-here'), store.createRun(run)]);
    expect(missing).toBeUndefined();
    const [stored, taken] = await Promise.all([
      store.appendEvents(run.channelId, [token('a')]),
      store.takeMailboxMessage('empty'),
      store.lastSeq(run.channelId),
    ]);
    expect(stored.map((event) => event.seq)).toEqual([1]);
    expect(taken).toBeUndefined();
    await store.close();
    await dropPrefix(inspector, prefix);
  });
});

describe('Redis retention', () => {
  it('sets every ended run and its event stream to expire RETENTION_DAYS after it ended', async () => {
    const prefix = uniquePrefix('expiry');
    const store = new RedisRunStore(new Redis(REDIS_URL), redisKeys(prefix), HOUR);
    const run = newRun();
    await store.createRun(run);
    await store.appendEvents(run.channelId, [token('a')]);
    expect(await inspector.pttl(`${prefix}run:${run.channelId}`)).toBe(-1);
    const endedAt = Date.now();
    await store.appendEvents(run.channelId, [{ type: 'completeEnd', data: {} }], {
      status: 'completed',
      endedAt,
    });
    for (const key of [`${prefix}run:${run.channelId}`, `${prefix}events:${run.channelId}`]) {
      expect(await inspector.pexpiretime(key)).toBe(endedAt + HOUR);
    }
    await store.close();
    await dropPrefix(inspector, prefix);
  });
});

describe('SQLite files from earlier builds', () => {
  it('keep their events: rows of the old one-row-per-event table move into batches on open', async () => {
    const file = path.join(tempDataDir(), 'dispatch.sqlite');
    const { default: Database } = await import('better-sqlite3');
    const old = new Database(file);
    old.exec(`CREATE TABLE events (channel_id TEXT NOT NULL, seq INTEGER NOT NULL, at INTEGER NOT NULL, body TEXT NOT NULL,
              PRIMARY KEY (channel_id, seq)) WITHOUT ROWID`);
    const insert = old.prepare('INSERT INTO events VALUES (?, ?, ?, ?)');
    insert.run('old-run', 1, 5, JSON.stringify(token('a')));
    insert.run('old-run', 2, 6, JSON.stringify({ type: 'completeEnd', data: {} }));
    old.close();
    const store = new SqliteRunStore(file);
    expect(await readEvents(store, 'old-run', 0, 10)).toEqual([
      { seq: 1, at: 5, event: token('a') },
      { seq: 2, at: 6, event: { type: 'completeEnd', data: {} } },
    ]);
    expect(await store.lastSeq('old-run')).toBe(2);
    expect((await store.appendEvents('old-run', [token('b')]))[0].seq).toBe(3);
    await store.close();
  });

  const oldEventBatchTables = {
    'keyed by channel (WITHOUT ROWID)': `CREATE TABLE event_batches (channel_id TEXT NOT NULL, first_seq INTEGER NOT NULL,
      last_seq INTEGER NOT NULL, at INTEGER NOT NULL, body TEXT NOT NULL, PRIMARY KEY (channel_id, first_seq)) WITHOUT ROWID`,
    'in stored order under the channel id': `CREATE TABLE event_batches (id INTEGER PRIMARY KEY, channel_id TEXT NOT NULL,
      first_seq INTEGER NOT NULL, last_seq INTEGER NOT NULL, at INTEGER NOT NULL, body TEXT NOT NULL);
      CREATE UNIQUE INDEX event_batches_by_channel ON event_batches (channel_id, first_seq)`,
  };
  it.each(Object.entries(oldEventBatchTables))(
    'keep their event batches: a table %s moves to channel keys, in stored order, on open',
    async (_shape, table) => {
      const file = path.join(tempDataDir(), 'dispatch.sqlite');
      const { default: Database } = await import('better-sqlite3');
      const old = new Database(file);
      old.exec(table);
      const insert = old.prepare(
        'INSERT INTO event_batches (channel_id, first_seq, last_seq, at, body) VALUES (?, ?, ?, ?, ?)',
      );
      insert.run('run-b', 1, 2, 7, [JSON.stringify(token('b1')), JSON.stringify(token('b2'))].join('\n'));
      insert.run('run-a', 1, 1, 5, JSON.stringify(token('a1')));
      insert.run('run-a', 2, 2, 9, JSON.stringify({ type: 'completeEnd', data: {} }));
      old.close();
      const store = new SqliteRunStore(file);
      expect(await readEvents(store, 'run-a', 0, 10)).toEqual([
        { seq: 1, at: 5, event: token('a1') },
        { seq: 2, at: 9, event: { type: 'completeEnd', data: {} } },
      ]);
      expect(await readEvents(store, 'run-b', 1, 10)).toEqual([{ seq: 2, at: 7, event: token('b2') }]);
      expect((await store.appendEvents('run-b', [token('b3')]))[0].seq).toBe(3);
      expect((await store.appendEvents('run-c', [token('c1')]))[0].seq).toBe(1);
      await store.close();
      const reopened = new Database(file, { readonly: true });
      const { sql } = reopened
        .prepare("SELECT sql FROM sqlite_master WHERE name = 'event_batches'")
        .get() as { sql: string };
      const order = reopened
        .prepare(
          'SELECT channel_id, key, first_seq FROM event_batches JOIN channel_keys ON key = channel_key ORDER BY event_batches.id',
        )
        .all();
      const plan = reopened
        .prepare(
          'EXPLAIN QUERY PLAN SELECT last_seq FROM event_batches WHERE channel_key = 1 ORDER BY first_seq DESC LIMIT 1',
        )
        .all() as { detail: string }[];
      reopened.close();
      expect(sql).not.toMatch(/WITHOUT ROWID|channel_id/i);
      // Keys in the order the channels first stored something.
      expect(order).toEqual([
        { channel_id: 'run-a', key: 1, first_seq: 1 },
        { channel_id: 'run-b', key: 2, first_seq: 1 },
        { channel_id: 'run-a', key: 1, first_seq: 2 },
        { channel_id: 'run-b', key: 2, first_seq: 3 },
        { channel_id: 'run-c', key: 3, first_seq: 1 },
      ]);
      expect(plan.map((step) => step.detail).join(' ')).toContain('event_batches_by_channel');
    },
  );

  it('keep their requests: the request column of runs moves to run_requests on open', async () => {
    const file = path.join(tempDataDir(), 'dispatch.sqlite');
    const first = new SqliteRunStore(file);
    await first.close();
    // The shape of a file from before run_requests: the request in the runs row.
    const { default: Database } = await import('better-sqlite3');
    const old = new Database(file);
    old.exec('DROP TABLE run_requests');
    old.exec("ALTER TABLE runs ADD COLUMN request TEXT NOT NULL DEFAULT ''");
    const run = newRun();
    old
      .prepare(
        `INSERT INTO runs (channel_id, owner, status, engine, model, request, timezone, title, created_at, search_text, function_names)
         VALUES (?, ?, 'queued', ?, ?, ?, ?, ?, ?, '', '[]')`,
      )
      .run(
        run.channelId,
        run.owner,
        run.engine,
        run.model,
        JSON.stringify(run.request),
        run.timezone,
        run.title,
        run.createdAt,
      );
    old.close();
    const store = new SqliteRunStore(file);
    expect((await store.getRun(run.channelId))?.request).toEqual(run.request);
    await store.close();
    const reopened = new Database(file, { readonly: true });
    const columns = reopened.prepare('PRAGMA table_info(runs)').all() as { name: string }[];
    reopened.close();
    expect(columns.map((column) => column.name)).not.toContain('request');
  });
});
