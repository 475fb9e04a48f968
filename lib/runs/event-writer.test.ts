import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteRunStore } from '../backends/embedded/sqlite-store';
import { tempDataDir } from '../../test/support/next-server';
import { MAX_CHUNK_BYTES, sharedChunksOf } from '../channel/shared-chunks';
import type { ChannelEvent } from '../events';
import { MemoryChannelBus } from '../store/memory-bus';
import type { EventAppend, RunStore } from '../store/types';
import { readEvents } from '../../test/support/stored-events';
import { eventByteSize } from './event-budget';
import { EventWriter } from './event-writer';

const token = (text: string): ChannelEvent => ({ type: 'token', data: { token: text } });

/** The store, counting its group writes and its event reads. */
function countedStore(store: SqliteRunStore) {
  const counts = { groupWrites: [] as string[][], reads: 0 };
  const counted: RunStore = Object.assign(Object.create(store) as SqliteRunStore, {
    appendEventBatches: (appends: readonly EventAppend[]) => {
      counts.groupWrites.push(appends.map((append) => append.channelId));
      return store.appendEventBatches(appends);
    },
    readEventJson: (channelId: string, after: number, limit: number, maxBytes?: number) => {
      counts.reads += 1;
      return store.readEventJson(channelId, after, limit, maxBytes);
    },
  });
  return { counted, counts };
}

async function createRuns(store: RunStore, count: number): Promise<string[]> {
  const ids = Array.from({ length: count }, (_, index) => `writer-${index}-${Date.now()}-${Math.random()}`);
  for (const channelId of ids) {
    await store.createRun({
      channelId,
      owner: 'owner',
      engine: 'local',
      model: 'local',
      request: { messages: [{ type: 'user', text: 'hello' }] },
      timezone: 'UTC',
      title: 'hello',
      createdAt: Date.now(),
    } as Parameters<RunStore['createRun']>[0]);
  }
  return ids;
}

describe('EventWriter', () => {
  const store = new SqliteRunStore(path.join(tempDataDir(), 'dispatch.sqlite'));
  afterAll(() => store.close());

  it('stores the events all runs wrote in one turn with one group write, each run in its order', async () => {
    const { counted, counts } = countedStore(store);
    const bus = new MemoryChannelBus();
    const ids = await createRuns(store, 3);
    const writers = ids.map((channelId) => new EventWriter(channelId, counted, bus));
    for (let round = 0; round < 4; round += 1) {
      writers.forEach((writer, index) => writer.write(token(`${index}:${round}`)));
    }
    await Promise.all(writers.map((writer) => writer.flush()));
    expect(counts.groupWrites).toEqual([ids]);
    for (const [index, channelId] of ids.entries()) {
      const stored = await readEvents(store, channelId, 0, 10);
      expect(stored.map((event) => event.seq)).toEqual([1, 2, 3, 4]);
      expect(stored.map((event) => event.event)).toEqual(
        [0, 1, 2, 3].map((round) => token(`${index}:${round}`)),
      );
      expect(await store.getRun(channelId)).toMatchObject({ outputTokens: 4 });
    }
  });

  it('stores when the first token came with the batch carrying it, in the same write, not on its own', async () => {
    const { counted, counts } = countedStore(store);
    const updates: unknown[] = [];
    Object.assign(counted, { updateRun: (...args: unknown[]) => void updates.push(args) });
    const bus = new MemoryChannelBus();
    const [channelId] = await createRuns(store, 1);
    const writer = new EventWriter(channelId, counted, bus);
    writer.write({ type: 'completeBegin', data: {} });
    await writer.flush();
    expect(writer.firstTokenAt).toBeUndefined();
    expect((await store.getRun(channelId))?.firstTokenAt).toBeUndefined();

    const before = Date.now();
    writer.write(token('a'));
    writer.write(token('b'));
    const firstTokenAt = writer.firstTokenAt;
    expect(firstTokenAt).toBeGreaterThanOrEqual(before);
    await writer.flush();
    writer.write(token('c'));
    await writer.flush();
    expect(writer.firstTokenAt).toBe(firstTokenAt);
    expect(await store.getRun(channelId)).toMatchObject({ firstTokenAt, outputTokens: 2 });
    expect(counts.groupWrites).toHaveLength(3);
    expect(updates).toEqual([]);
  });

  it('stores with the first token the time the run waited for answers before it, and no later wait', async () => {
    const bus = new MemoryChannelBus();
    const [channelId] = await createRuns(store, 1);
    const writer = new EventWriter(channelId, store, bus);
    const wait = async (ms: number) => {
      writer.write({ type: 'waitForChannelMessageBegin', data: { channelId } });
      await new Promise((resolve) => setTimeout(resolve, ms));
      writer.write({ type: 'waitForChannelMessageEnd', data: { channelId } });
    };
    await wait(60);
    await wait(40);
    writer.write(token('a'));
    await wait(50);
    await writer.flush();
    const waited = writer.waitBeforeFirstTokenMs ?? 0;
    expect(waited).toBeGreaterThanOrEqual(95);
    expect(waited).toBeLessThan(145);
    expect((await store.getRun(channelId))?.waitBeforeFirstTokenMs).toBe(waited);
  });

  it('stores no wait for a run that did not wait', async () => {
    const [channelId] = await createRuns(store, 1);
    const writer = new EventWriter(channelId, store, new MemoryChannelBus());
    writer.write(token('a'));
    await writer.flush();
    expect(writer.waitBeforeFirstTokenMs).toBeUndefined();
    expect((await store.getRun(channelId))?.waitBeforeFirstTokenMs).toBeUndefined();
  });

  it('wakes a waiting reader only once the events are stored, and hands it the batch without a store read', async () => {
    const { counted, counts } = countedStore(store);
    const bus = new MemoryChannelBus();
    const [channelId] = await createRuns(store, 1);
    const chunks = sharedChunksOf(counted);
    const writer = new EventWriter(channelId, counted, bus);
    const woken = bus.waitForAppend(channelId, 0, new AbortController().signal).then(async () => ({
      lastSeq: await store.lastSeq(channelId),
      chunk: await chunks.read(channelId, 0),
    }));
    writer.write(token('a'));
    writer.write(token('b'));
    const { lastSeq, chunk } = await woken;
    expect(lastSeq).toBe(2);
    expect(new TextDecoder().decode(chunk?.bytes)).toBe(
      '{"type":"message","id":"1","data":{"type":"token","data":{"token":"a"}}}\n' +
        '{"type":"message","id":"2","data":{"type":"token","data":{"token":"b"}}}\n',
    );
    expect(counts.reads).toBe(0);
    // A reader behind the newest batch, having read lately, takes every batch since from memory too.
    writer.write(token('c'));
    await writer.flush();
    expect(await chunks.read(channelId, 1)).toMatchObject({ lastSeq: 3 });
    expect(counts.reads).toBe(0);
  });

  it("stores a run's first events within the turn they were written, later ones at the end of the turn", async () => {
    const { counted, counts } = countedStore(store);
    const bus = new MemoryChannelBus();
    const [channelId] = await createRuns(store, 1);
    const writer = new EventWriter(channelId, counted, bus);
    const endOfTurn = () => new Promise<string>((resolve) => setImmediate(() => resolve('end of turn')));
    const stored = (afterSeq: number) =>
      bus.waitForAppend(channelId, afterSeq, new AbortController().signal).then(() => 'stored');

    const first = stored(0);
    writer.write({ type: 'completeBegin', data: {} });
    expect(await Promise.race([first, endOfTurn()])).toBe('stored');

    const second = stored(1);
    writer.write(token('a'));
    writer.write(token('b'));
    expect(await Promise.race([second, endOfTurn()])).toBe('end of turn');
    await second;
    expect(counts.groupWrites).toEqual([[channelId], [channelId]]);
    expect((await readEvents(store, channelId, 0, 10)).map((event) => event.seq)).toEqual([1, 2, 3]);
  });

  it("stores a new run's first events at once without the tokens other busy runs have pending", async () => {
    const { counted, counts } = countedStore(store);
    const bus = new MemoryChannelBus();
    const busy = await createRuns(store, 100);
    const writers = busy.map((channelId) => new EventWriter(channelId, counted, bus));
    writers.forEach((writer) => writer.write({ type: 'completeBegin', data: {} }));
    await Promise.all(writers.map((writer) => writer.flush()));
    // Pending until the end of the turn (longer under load), while the newcomer's first events go at once.
    writers.forEach((writer) => writer.write(token('a')));
    const [newcomer] = await createRuns(store, 1);
    const begun = bus.waitForAppend(newcomer, 0, new AbortController().signal);
    new EventWriter(newcomer, counted, bus).write({ type: 'completeBegin', data: {} });
    await begun;
    expect(counts.groupWrites.at(-1)).toEqual([newcomer]);
    await Promise.all(writers.map((writer) => writer.flush()));
    expect(counts.groupWrites.at(-1)).toEqual(busy);
    for (const channelId of busy) expect(await store.lastSeq(channelId)).toBe(2);
  });

  it("stores a run writing at full speed in batches of its store's eventsPerAppend", async () => {
    const [channelId] = await createRuns(store, 1);
    const appended: number[] = [];
    const batchesOfFour: RunStore = Object.assign(Object.create(store) as SqliteRunStore, {
      eventsPerAppend: 4,
      appendEventBatches: (appends: readonly EventAppend[]) => {
        for (const append of appends) appended.push(append.events.length);
        return store.appendEventBatches(appends);
      },
    });
    const writer = new EventWriter(channelId, batchesOfFour, new MemoryChannelBus());
    // As an engine writes: it waits only when the writer says so (a full batch).
    for (let index = 0; index < 10; index += 1) {
      const full = writer.write(token(`${index}`));
      if (full) await full;
    }
    await writer.flush();
    expect(appended).toEqual([4, 4, 2]);
    expect((await readEvents(store, channelId, 0, 20)).map((event) => event.seq)).toEqual(
      Array.from({ length: 10 }, (_, index) => index + 1),
    );
  });

  it('stores an event larger than a subscribe chunk in a batch of its own', async () => {
    const [channelId] = await createRuns(store, 1);
    const writer = new EventWriter(channelId, store, new MemoryChannelBus());
    const large: ChannelEvent = {
      type: 'message',
      data: { type: 'bot', text: 'y'.repeat(2 * MAX_CHUNK_BYTES) },
    };
    for (const event of [token('a'), token('b'), large, token('c')])
      await writer.write(event, eventByteSize(event));
    await writer.flush();

    // A batch is read whole: a reader resuming at a token before the large event gets the tokens and
    // nothing of the large event, which the tokens' batch would otherwise have brought along.
    const seqs = async (after: number, maxBytes?: number) =>
      (await store.readEventJson(channelId, after, 100, maxBytes)).map((event) => event.seq);
    expect(await seqs(1, MAX_CHUNK_BYTES)).toEqual([2]);
    expect(await seqs(2, MAX_CHUNK_BYTES)).toEqual([3]);
    expect(await seqs(0)).toEqual([1, 2, 3, 4]);
  });
});
