import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteRunStore } from '../backends/embedded/sqlite-store';
import { tempDataDir } from '../../test/support/next-server';
import { MAX_CACHED_BYTES, MAX_CHUNK_BYTES, SharedChunks, type ChannelChunk } from './shared-chunks';

describe('SharedChunks', () => {
  const store = new SqliteRunStore(path.join(tempDataDir(), 'dispatch.sqlite'));
  afterAll(() => store.close());

  it('gives subscribers at the same position the same bytes from one store read, and reads again when nothing was there', async () => {
    const { chunks, reads } = countedChunks(store, 2);
    expect(await chunks.read('c', 0)).toBeUndefined();
    await store.appendEvents('c', [
      { type: 'token', data: { token: 'a' } },
      { type: 'token', data: { token: 'b' } },
      { type: 'completeEnd', data: {} },
    ]);
    const [first, second] = await Promise.all([chunks.read('c', 0), chunks.read('c', 0)]);
    expect(first).toBe(second);
    expect(new TextDecoder().decode(first?.bytes)).toBe(
      '{"type":"message","id":"1","data":{"type":"token","data":{"token":"a"}}}\n' +
        '{"type":"message","id":"2","data":{"type":"token","data":{"token":"b"}}}\n',
    );
    expect(first).toMatchObject({ lastSeq: 2, ended: false, full: true });
    expect(await chunks.read('c', 2)).toMatchObject({ lastSeq: 3, ended: true, full: false });
    expect(reads).toEqual([0, 0, 2]);
  });

  it('keeps the remembered chunks under MAX_CACHED_BYTES however many positions are read', async () => {
    const token = 'x'.repeat(24_000);
    for (let batch = 0; batch < 30; batch += 1) {
      await store.appendEvents(
        'many',
        Array.from({ length: 10 }, () => ({ type: 'token' as const, data: { token } })),
      );
    }
    const chunks = new SharedChunks(store, 2_000);
    let largest = 0;
    for (let cursor = 0; cursor < 300; cursor += 1) {
      const chunk = await chunks.read('many', cursor);
      largest = Math.max(largest, chunk?.bytes?.byteLength ?? 0);
      expect(chunks.rememberedBytes).toBeLessThanOrEqual(MAX_CACHED_BYTES);
    }
    // Each chunk stopped at MAX_CHUNK_BYTES of lines instead of taking every event after its cursor.
    expect(largest).toBeLessThanOrEqual(MAX_CHUNK_BYTES);
    expect(chunks.rememberedBytes).toBeGreaterThan(MAX_CACHED_BYTES / 2);
  });

  it('sends a large event on its own, shared while anyone holds it, and lets it go once nobody does', async () => {
    await store.appendEvents('big', [
      { type: 'token', data: { token: 'a' } },
      { type: 'message', data: { type: 'bot', text: 'y'.repeat(3 * MAX_CHUNK_BYTES) } },
      { type: 'completeEnd', data: {} },
    ]);
    const { chunks, reads } = countedChunks(store);
    // The chunk before it stops short of it.
    expect(await chunks.read('big', 0)).toMatchObject({ lastSeq: 1, full: true });
    let [first, second] = await Promise.all([chunks.read('big', 1), chunks.read('big', 1)]);
    expect(first?.bytes).toBeUndefined();
    expect(first?.large?.byteLength).toBeGreaterThan(3 * MAX_CHUNK_BYTES);
    expect(second?.large).toBe(first?.large);
    // A subscriber reaching it while another still sends it gets the same copy, not a new read.
    let third = await chunks.read('big', 1);
    expect(third?.large).toBe(first?.large);
    expect(reads.filter((after) => after === 1)).toHaveLength(1);
    expect(chunks.rememberedBytes).toBeLessThan(MAX_CHUNK_BYTES);

    // Once no subscriber holds it, nothing else does: it is collected and the next reader reads it again.
    const firstLength = first?.large?.byteLength;
    [first, second, third] = [undefined, undefined, undefined];
    await collectGarbage();
    const later = await chunks.read('big', 1);
    expect(later?.large?.byteLength).toBe(firstLength);
    expect(reads.filter((after) => after === 1)).toHaveLength(2);
  });
});

describe('SharedChunks: the newest events kept for live subscribers', () => {
  const store = new SqliteRunStore(path.join(tempDataDir(), 'dispatch.sqlite'));
  afterAll(() => store.close());

  /** Stores one token and hands it to `chunks` as the writer does; whether it was kept. */
  async function storeAndOffer(chunks: SharedChunks, channelId: string, text: string, waiting = false) {
    const stored = await store.appendEvents(channelId, [{ type: 'token', data: { token: text } }]);
    return chunks.keepStored(channelId, { waiting, firstBatch: stored[0].seq === 1 }, () => stored);
  }

  const tokensIn = (chunk: ChannelChunk | undefined) =>
    [...new TextDecoder().decode(chunk?.bytes).matchAll(/"token":"(\w+)"/g)].map((match) => match[1]);

  it('serves a subscriber a few batches behind from memory, every batch since its position in one chunk', async () => {
    const { chunks, reads } = countedChunks(store);
    for (const text of ['a', 'b', 'c', 'd', 'e']) await storeAndOffer(chunks, 'behind', text, text === 'b');
    expect(tokensIn(await chunks.read('behind', 0))).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(tokensIn(await chunks.read('behind', 2))).toEqual(['c', 'd', 'e']);
    expect(await chunks.read('behind', 5)).toBeUndefined();
    // Only the caught-up position went to the store (nothing was there yet).
    expect(reads).toEqual([5]);
  });

  it("lets a channel's events go once nobody has read them for a while, and then reads the store", async () => {
    const { chunks, reads } = countedChunks(store);
    let unread = 0;
    // The first batch is kept anyway; then batches nobody waits for are kept while the window is read.
    while (await storeAndOffer(chunks, 'unread', `t${unread}`)) {
      unread += 1;
      expect(unread).toBeLessThan(100);
    }
    unread += 1;
    expect(unread).toBeGreaterThan(2);
    expect(await chunks.read('unread', 0)).toMatchObject({ lastSeq: unread });
    expect(reads).toEqual([0]);
  });

  it('starts a new window after a batch it was not given, never serving across the gap', async () => {
    const { chunks, reads } = countedChunks(store);
    await storeAndOffer(chunks, 'gap', 'a', true);
    await store.appendEvents('gap', [{ type: 'token', data: { token: 'b' } }]);
    await storeAndOffer(chunks, 'gap', 'c', true);
    expect(tokensIn(await chunks.read('gap', 2))).toEqual(['c']);
    expect(reads).toEqual([]);
    expect(tokensIn(await chunks.read('gap', 0))).toEqual(['a', 'b', 'c']);
    expect(reads).toEqual([0]);
  });

  it("keeps a full-speed run's batch whole, however large, up to a read's size", async () => {
    const { chunks, reads } = countedChunks(store);
    const stored = await store.appendEvents(
      'fast',
      Array.from({ length: 2_000 }, (_, index) => ({ type: 'token' as const, data: { token: `t${index}` } })),
    );
    expect(chunks.keepStored('fast', { waiting: true, firstBatch: true }, () => stored)).toBe(true);
    expect(tokensIn(await chunks.read('fast', 0))).toHaveLength(2_000);
    expect(reads).toEqual([]);
  });

  it('keeps at most 512 events of a channel, dropping the oldest', async () => {
    const { chunks, reads } = countedChunks(store);
    for (let index = 0; index < 600; index += 1) await storeAndOffer(chunks, 'long', `t${index}`, true);
    expect(tokensIn(await chunks.read('long', 590))).toEqual(
      Array.from({ length: 10 }, (_, i) => `t${590 + i}`),
    );
    expect(reads).toEqual([]);
    expect(tokensIn(await chunks.read('long', 0))).toHaveLength(600);
    expect(reads).toEqual([0]);
  });
});

/** A SharedChunks whose store reads are counted (the cursor of each). */
function countedChunks(store: SqliteRunStore, readBatch = 2_000): { chunks: SharedChunks; reads: number[] } {
  const reads: number[] = [];
  const counted = Object.assign(Object.create(store), {
    readEventJson: (channelId: string, after: number, limit: number, maxBytes?: number) => {
      reads.push(after);
      return store.readEventJson(channelId, after, limit, maxBytes);
    },
  });
  return { chunks: new SharedChunks(counted, readBatch), reads };
}

/** A full garbage collection, after the current job (a WeakRef read in it keeps its target until it ends). */
async function collectGarbage(): Promise<void> {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  await new Promise((resolve) => setTimeout(resolve, 0));
  gc();
}
