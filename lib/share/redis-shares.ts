// Share records and the share signing key of the Redis backend: one hash per share (expiring with it)
// and a sorted set of a channel's shares, under the deployment's key prefix.
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { MAX_SHARE_MS, type ShareRecord, type ShareStore } from './share-store';

/** Revoked or expired records are kept a day longer, so a late visitor is told "revoked", not "invalid". */
const KEEP_AFTER_EXPIRY_MS = 24 * 60 * 60 * 1000;

export class RedisShareStore implements ShareStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private shareKey = (id: string) => `${this.prefix}share:${id}`;
  private channelKey = (channelId: string) => `${this.prefix}shares:${channelId}`;

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
      .zadd(this.channelKey(record.channelId), record.createdAt, record.id)
      // The index outlives the longest share (30 days) a new one can add, so it never drops a live one.
      .pexpire(this.channelKey(record.channelId), MAX_SHARE_MS + KEEP_AFTER_EXPIRY_MS)
      .exec();
  }

  async getShare(id: string): Promise<ShareRecord | undefined> {
    const text = await this.redis.get(this.shareKey(id));
    return text ? (JSON.parse(text) as ShareRecord) : undefined;
  }

  async listShares(channelId: string, now: number): Promise<ShareRecord[]> {
    const ids = await this.redis.zrevrange(this.channelKey(channelId), 0, 99);
    const records = await Promise.all(ids.map((id) => this.getShare(id)));
    return records.filter(
      (record): record is ShareRecord => !!record && !record.revokedAt && record.expiresAt > now,
    );
  }

  async revokeShare(channelId: string, id: string, now: number): Promise<boolean> {
    const record = await this.getShare(id);
    if (!record || record.channelId !== channelId) return false;
    if (!record.revokedAt) {
      await this.redis.set(this.shareKey(id), JSON.stringify({ ...record, revokedAt: now }), 'KEEPTTL');
    }
    return true;
  }
}
