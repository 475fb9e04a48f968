// Share records and the share signing key of the Redis backend: one hash per share (expiring with it)
// and a sorted set of each run's or experiment's shares, under the deployment's key prefix.
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { MAX_SHARE_MS, sameTarget, type ShareRecord, type ShareStore, type ShareTarget } from './share-store';

/** Revoked or expired records are kept a day longer, so a late visitor is told "revoked", not "invalid". */
const KEEP_AFTER_EXPIRY_MS = 24 * 60 * 60 * 1000;

/** A record stored before experiments could be shared: a run's, named by its channel id. */
type StoredShare = ShareRecord | (Omit<ShareRecord, 'target'> & { channelId: string });

const fromStored = (stored: StoredShare): ShareRecord => {
  if (!('channelId' in stored)) return stored;
  const { channelId, ...rest } = stored;
  return { ...rest, target: { kind: 'run', id: channelId } };
};

export class RedisShareStore implements ShareStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private shareKey = (id: string) => `${this.prefix}share:${id}`;
  // A run's index keeps the name it had before experiments could be shared.
  private targetKey = (target: ShareTarget) =>
    target.kind === 'run'
      ? `${this.prefix}shares:${target.id}`
      : `${this.prefix}shares-${target.kind}:${target.id}`;

  async signingKey(): Promise<Buffer> {
    const key = `${this.prefix}share-key`;
    await this.redis.set(key, randomBytes(32).toString('base64'), 'NX');
    return Buffer.from((await this.redis.get(key)) as string, 'base64');
  }

  async createShare(record: ShareRecord): Promise<void> {
    const keepUntil = record.expiresAt + KEEP_AFTER_EXPIRY_MS;
    await this.redis
      .multi()
      .set(this.shareKey(record.id), JSON.stringify(record), 'PXAT', keepUntil)
      .zadd(this.targetKey(record.target), record.createdAt, record.id)
      // The index outlives the longest share (30 days) a new one can add, so it never drops a live one.
      .pexpire(this.targetKey(record.target), MAX_SHARE_MS + KEEP_AFTER_EXPIRY_MS)
      .exec();
  }

  async getShare(id: string): Promise<ShareRecord | undefined> {
    const text = await this.redis.get(this.shareKey(id));
    return text ? fromStored(JSON.parse(text) as StoredShare) : undefined;
  }

  async listShares(target: ShareTarget, now: number): Promise<ShareRecord[]> {
    const ids = await this.redis.zrevrange(this.targetKey(target), 0, 99);
    const records = await Promise.all(ids.map((id) => this.getShare(id)));
    return records.filter(
      (record): record is ShareRecord => !!record && !record.revokedAt && record.expiresAt > now,
    );
  }

  async revokeShare(target: ShareTarget, id: string, now: number): Promise<boolean> {
    const record = await this.getShare(id);
    if (!record || !sameTarget(record.target, target)) return false;
    if (!record.revokedAt) {
      await this.redis.set(this.shareKey(id), JSON.stringify({ ...record, revokedAt: now }), 'KEEPTTL');
    }
    return true;
  }
}
