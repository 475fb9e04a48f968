import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteRunStore } from '../backends/embedded/sqlite-store';
import { tempDataDir } from '../../test/support/next-server';
import { SharedChunks } from './shared-chunks';

describe('SharedChunks', () => {
  const store = new SqliteRunStore(path.join(tempDataDir(), 'dispatch.sqlite'));
  afterAll(() => store.close());

  it('gives subscribers at the same position the same bytes from one store read, and reads again when nothing was there', async () => {
    const reads: number[] = [];
    const counted = Object.assign(Object.create(store), {
      readEventJson: (channelId: string, after: number, limit: number) => {
        reads.push(after);
        return store.readEventJson(channelId, after, limit);
      },
    });
    const chunks = new SharedChunks(counted, 2);
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
});
