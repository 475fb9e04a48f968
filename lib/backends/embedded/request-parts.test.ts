// A large request is stored in parts over several turns (request-parts.ts): read back whole, cut
// nowhere inside a character, and nothing left behind by a run that was refused or never stored.
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import type { NewRun } from '@/lib/store/types';
import { tempDataDir } from '@/test/support/next-server';
import { SqliteRunStore } from './sqlite-store';
import { REQUEST_PART_CHARS, splitIntoParts } from './request-parts';

const file = path.join(tempDataDir(), 'dispatch.sqlite');
const store = new SqliteRunStore(file);
afterAll(() => store.close());

const partsStored = () => {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare('SELECT COUNT(*) AS count FROM run_request_parts').get() as { count: number }).count;
  } finally {
    db.close();
  }
};

let counter = 0;
function largeRun(text: string): NewRun {
  counter += 1;
  return {
    channelId: `large-${counter}-${Date.now()}`,
    owner: 'owner-a',
    engine: 'local',
    model: 'local',
    request: { messages: [{ type: 'user', text }] },
    timezone: 'UTC',
    title: 'large',
    createdAt: 1_000_000 + counter,
  } as NewRun;
}

describe('a large request stored in parts', () => {
  it('never cuts a surrogate pair in two, and the parts join to the text', () => {
    for (const prefix of ['', 'a']) {
      const text = prefix + '😀'.repeat(REQUEST_PART_CHARS);
      const parts = splitIntoParts(text);
      expect(parts.length).toBeGreaterThanOrEqual(2);
      expect(parts.join('')).toBe(text);
      for (const part of parts) expect(part.isWellFormed()).toBe(true);
    }
  });

  it('reads back whole, with characters of every width across the part boundaries', async () => {
    const text = `a${'ü 😀 "quoted" \\ \n'.repeat(60_000)}`;
    const run = largeRun(text);
    await store.createRun(run);
    expect(partsStored()).toBeGreaterThan(0);
    const stored = await store.getRun(run.channelId);
    expect(stored?.request).toEqual(run.request);
  });

  it('leaves no parts behind when the run is refused (channel in use, queue full)', async () => {
    const text = 'x'.repeat(3 * REQUEST_PART_CHARS);
    const run = largeRun(text);
    await store.createRun(run);
    const before = partsStored();
    await expect(store.createRun({ ...run, createdAt: run.createdAt + 1 })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await expect(store.createRun(largeRun(text), { maxQueued: 0, concurrency: 1 })).rejects.toMatchObject({
      code: 'TOO_MANY_REQUESTS',
    });
    expect(partsStored()).toBe(before);
    expect((await store.getRun(run.channelId))?.request).toEqual(run.request);
  });

  it('removes, on opening the file, parts no run names (a process stopped between parts and run)', () => {
    const db = new Database(file);
    db.prepare('INSERT INTO run_request_parts (parts_key, part, text) VALUES (?, 1, ?)').run('orphan', 'x');
    db.close();
    const before = partsStored();
    new SqliteRunStore(file).close();
    expect(partsStored()).toBe(before - 1);
  });
});
