// One contract for both share stores (the SQLite file and Redis): records keep their kind, listing and
// revoking are per run or experiment, and records written before experiments could be shared still
// open their run.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { dropPrefix, REDIS_URL, testRedis, uniquePrefix } from '../support/redis';
import { RedisShareStore } from '@/lib/share/redis-shares';
import type { ShareRecord, ShareStore, ShareTarget } from '@/lib/share/share-store';
import { SqliteShareStore } from '@/lib/share/sqlite-shares';

const redisPrefix = uniquePrefix('share-store');
const inspector = testRedis();
const connections: Redis[] = [];
const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'share-store-'));

afterAll(async () => {
  await dropPrefix(inspector, redisPrefix);
  await inspector.quit();
  await Promise.all(connections.map((redis) => redis.quit()));
});

function openRedis(): RedisShareStore {
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 2 });
  connections.push(redis);
  return new RedisShareStore(redis, redisPrefix);
}

let counter = 0;
function record(target: ShareTarget, overrides: Partial<ShareRecord> = {}): ShareRecord {
  counter += 1;
  const now = Date.now();
  return {
    id: `share-${counter}-${now}`,
    target,
    owner: 'owner-a',
    createdAt: now + counter,
    expiresAt: now + 60_000,
    allowAnswer: false,
    ...overrides,
  };
}

const LEGACY = { owner: 'owner-a', allowAnswer: true };

/** Writes one share the way the store did before shares had a kind; answers its id. */
const legacyWriters: Record<'sqlite' | 'redis', (dir: string) => Promise<string>> = {
  sqlite: async (dir) => {
    const db = new Database(path.join(dir, 'shares.sqlite'));
    db.exec(`CREATE TABLE shares (id TEXT PRIMARY KEY, channel_id TEXT NOT NULL, owner TEXT NOT NULL,
      created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL, allow_answer INTEGER NOT NULL, revoked_at INTEGER);
      CREATE INDEX shares_by_channel ON shares (channel_id, created_at DESC);`);
    db.prepare('INSERT INTO shares VALUES (?, ?, ?, ?, ?, 1, NULL)').run(
      'legacy-1',
      'old-run',
      LEGACY.owner,
      Date.now(),
      Date.now() + 60_000,
    );
    db.close();
    return 'legacy-1';
  },
  redis: async () => {
    const id = `legacy-${Date.now()}`;
    const now = Date.now();
    const stored = { id, channelId: 'old-run', createdAt: now, expiresAt: now + 60_000, ...LEGACY };
    await inspector.set(`${redisPrefix}share:${id}`, JSON.stringify(stored));
    await inspector.zadd(`${redisPrefix}shares:old-run`, now, id);
    return id;
  },
};

const backends: ['sqlite' | 'redis', (dir: string) => ShareStore][] = [
  ['sqlite', (dir) => new SqliteShareStore(dir)],
  ['redis', () => openRedis()],
];

describe.each(backends)('ShareStore on %s', (name, open) => {
  it('keeps what a share opens, and lists and revokes each run’s and experiment’s shares apart', async () => {
    const store = open(tempDir());
    // The same id as a run's channel and as an experiment: still two targets.
    const id = `target-${Date.now()}`;
    const run: ShareTarget = { kind: 'run', id };
    const experiment: ShareTarget = { kind: 'experiment', id };
    const ofRun = record(run, { allowAnswer: true });
    const ofExperiment = record(experiment);
    await store.createShare(ofRun);
    await store.createShare(ofExperiment);

    expect(await store.getShare(ofExperiment.id)).toEqual(ofExperiment);
    expect(await store.getShare(ofRun.id)).toEqual(ofRun);
    const now = Date.now();
    expect((await store.listShares(run, now)).map((share) => share.id)).toEqual([ofRun.id]);
    expect((await store.listShares(experiment, now)).map((share) => share.id)).toEqual([ofExperiment.id]);

    // Revoking needs the right target: the run's share is not the experiment's to revoke.
    expect(await store.revokeShare(experiment, ofRun.id, now)).toBe(false);
    expect(await store.revokeShare(experiment, ofExperiment.id, now)).toBe(true);
    expect((await store.getShare(ofExperiment.id))?.revokedAt).toBe(now);
    expect(await store.listShares(experiment, now)).toEqual([]);
    expect((await store.listShares(run, now)).map((share) => share.id)).toEqual([ofRun.id]);
  });

  it('reads a share stored before shares had a kind as a run’s, and can list and revoke it', async () => {
    const dir = tempDir();
    const id = await legacyWriters[name](dir);
    const store = open(dir);
    const run: ShareTarget = { kind: 'run', id: 'old-run' };
    expect(await store.getShare(id)).toMatchObject({ id, target: run, ...LEGACY });
    expect((await store.listShares(run, Date.now())).map((share) => share.id)).toContain(id);
    expect(await store.revokeShare(run, id, Date.now())).toBe(true);
    expect((await store.getShare(id))?.revokedAt).toBeGreaterThan(0);
  });
});
