// A store's close() resolves only once this process holds its file no more. The checkpoint worker has
// its own connection, and the last connection to close copies the whole WAL into the file and removes
// it, locking the file meanwhile: a server started on the file right after a seeding tool's close()
// used to fail its start with "database is locked" (SQLITE_BUSY), as the overview-scale test did.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { tempDataDir } from '@/test/support/next-server';
import { SqliteRunStore } from './sqlite-store';

/** About 40 MB of WAL: requests of 400 KB each, so the final checkpoint takes a while. */
async function fillWal(store: SqliteRunStore): Promise<void> {
  const text = 'x'.repeat(400_000);
  for (let index = 0; index < 100; index += 1)
    await store.createRun({
      channelId: `wal-${index}`,
      owner: 'public',
      engine: 'local',
      model: 'local',
      request: { messages: [{ type: 'user', text }] },
      timezone: 'UTC',
      title: 'a large request',
      createdAt: Date.now(),
    });
}

describe('closing a SQLite store', () => {
  it('resolves once the file is free: no WAL left, and another connection writes without waiting', async () => {
    const file = path.join(tempDataDir(), 'dispatch.sqlite');
    const store = new SqliteRunStore(file);
    await fillWal(store);
    expect(fs.statSync(`${file}-wal`).size).toBeGreaterThan(20_000_000);

    await store.close();

    expect(fs.existsSync(`${file}-wal`)).toBe(false);
    // No busy wait allowed: a lock still held would fail this at once with SQLITE_BUSY.
    const next = new Database(file, { timeout: 0 });
    try {
      expect(next.pragma('journal_mode = WAL', { simple: true })).toBe('wal');
      next.exec('BEGIN IMMEDIATE; COMMIT;');
    } finally {
      next.close();
    }
  });
});
