import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteRunStore } from '../backends/embedded/sqlite-store';
import { MAX_CHUNK_BYTES } from '../channel/shared-chunks';
import { MemoryChannelBus } from '../store/memory-bus';
import { tempDataDir } from '../../test/support/next-server';
import type { ChannelEvent } from '../events';
import { eventByteSize } from './event-budget';
import { EventWriter } from './event-writer';

describe('EventWriter', () => {
  const store = new SqliteRunStore(path.join(tempDataDir(), 'dispatch.sqlite'));
  afterAll(() => store.close());

  it('stores an event larger than a subscribe chunk in a batch of its own', async () => {
    const writer = new EventWriter('large', store, new MemoryChannelBus());
    const token = (text: string): ChannelEvent => ({ type: 'token', data: { token: text } });
    const large: ChannelEvent = { type: 'message', data: { type: 'bot', text: 'y'.repeat(2 * MAX_CHUNK_BYTES) } };
    for (const event of [token('a'), token('b'), large, token('c')]) await writer.write(event, eventByteSize(event));
    await writer.flush();

    // A batch is read whole: a reader resuming at a token before the large event gets the tokens and
    // nothing of the large event, which the tokens' batch would otherwise have brought along.
    const afterFirstToken = await store.readEventJson('large', 1, 100, MAX_CHUNK_BYTES);
    expect(afterFirstToken.map((event) => event.seq)).toEqual([2]);
    expect((await store.readEventJson('large', 2, 100, MAX_CHUNK_BYTES)).map((event) => event.seq)).toEqual([3]);
    expect((await store.readEventJson('large', 0, 100)).map((event) => event.seq)).toEqual([1, 2, 3, 4]);
  });
});
