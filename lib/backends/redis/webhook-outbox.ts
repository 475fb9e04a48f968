// The Redis layout's webhook outbox. Every web and worker process runs the delivery loop; Lua
// scripts make each step atomic, so each notice is taken in once (compare-and-set on the cursor)
// and each due delivery is claimed by exactly one process (its due time moves past a lease).
import type { Redis } from 'ioredis';
import type { RunNotice, RunStore } from '../../store/types';
import type {
  DeliveryAttempt,
  NewDelivery,
  PendingDelivery,
  RecentAttempt,
  WebhookOutbox,
} from '../../webhooks/outbox';
import { defineScript, numberReply, runScript, textListReply } from './script-command';

/**
 * Moves the cursor from `expected` ('' for none) to `next` and adds the deliveries (`rest`: id, dueAt,
 * JSON per delivery, stored under `deliveryPrefix`). Returns 0 when another process moved it first.
 */
const TAKE_IN = defineScript({
  name: 'dispatchWebhookTakeIn',
  keys: ['cursor', 'due'],
  args: ['expected', 'next', 'deliveryPrefix'],
  reply: numberReply,
  lua: `
local current = redis.call('GET', KEYS[1]) or ''
if current ~= ARGV[1] then return 0 end
local prefix = ARGV[3]
for i = 4, #ARGV, 3 do
  redis.call('SET', prefix .. ARGV[i], ARGV[i + 2])
  redis.call('ZADD', KEYS[2], ARGV[i + 1], ARGV[i])
end
redis.call('SET', KEYS[1], ARGV[2])
return 1
`,
});

/** Leases up to `limit` due deliveries until `leaseUntil`; returns their JSON. */
const CLAIM_DUE = defineScript({
  name: 'dispatchWebhookClaimDue',
  keys: ['due'],
  args: ['now', 'leaseUntil', 'limit', 'deliveryPrefix'],
  reply: textListReply,
  lua: `
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[3]))
local claimed = {}
for _, id in ipairs(ids) do
  local json = redis.call('GET', ARGV[4] .. id)
  if json then
    redis.call('ZADD', KEYS[1], ARGV[2], id)
    table.insert(claimed, json)
  else
    redis.call('ZREM', KEYS[1], id)
  end
end
return claimed
`,
});

/** How long a run's attempt list is kept: beyond any retry schedule, like an ended run's events. */
const ATTEMPTS_TTL_MS = 8 * 24 * 60 * 60 * 1000;
/** An owner's list of recent attempts across runs (the webhooks page) keeps this many. */
const RECENT_ATTEMPTS = 200;

export class RedisWebhookOutbox implements WebhookOutbox {
  private readonly cursorKey: string;
  private readonly dueKey: string;
  private readonly deliveryPrefix: string;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly store: RunStore,
  ) {
    this.cursorKey = `${prefix}webhook:cursor`;
    this.dueKey = `${prefix}webhook:due`;
    this.deliveryPrefix = `${prefix}webhook:delivery:`;
  }

  private attemptsKey(channelId: string): string {
    return `${this.prefix}webhook:attempts:${channelId}`;
  }

  private recentKey(owner: string): string {
    return `${this.prefix}webhook:recent:${owner}`;
  }

  async takeInNotices(toDeliveries: (notice: RunNotice) => NewDelivery[], limit: number): Promise<number> {
    const cursor = await this.redis.get(this.cursorKey);
    // A new outbox starts from now: it does not send webhooks for runs that ended before it existed.
    if (cursor === null) {
      await this.redis.set(this.cursorKey, (await this.store.lastNoticeId()) ?? '0-0', 'NX');
      return 0;
    }
    const notices = await this.store.readNotices(cursor, limit);
    if (notices.length === 0) return 0;
    const args = notices.flatMap(toDeliveries).flatMap((delivery) => {
      const { dueAt, ...pending } = delivery;
      return [delivery.id, String(dueAt), JSON.stringify({ ...pending, attempts: 0 })];
    });
    const taken = await runScript(
      this.redis,
      TAKE_IN,
      { cursor: this.cursorKey, due: this.dueKey },
      { expected: cursor, next: (notices.at(-1) as RunNotice).id, deliveryPrefix: this.deliveryPrefix },
      args,
    );
    return taken === 1 ? notices.length : 0;
  }

  async claimDue(now: number, leaseMs: number, limit: number): Promise<PendingDelivery[]> {
    const claimed = await runScript(
      this.redis,
      CLAIM_DUE,
      { due: this.dueKey },
      { now, leaseUntil: now + leaseMs, limit, deliveryPrefix: this.deliveryPrefix },
    );
    return claimed.map((json) => JSON.parse(json) as PendingDelivery);
  }

  async recordAttempt(delivery: PendingDelivery, attempt: DeliveryAttempt): Promise<void> {
    const attemptsKey = this.attemptsKey(delivery.channelId);
    const pipeline = this.redis.multi();
    pipeline.rpush(attemptsKey, JSON.stringify(attempt));
    pipeline.pexpire(attemptsKey, ATTEMPTS_TTL_MS);
    if (delivery.owner !== undefined) {
      const recentKey = this.recentKey(delivery.owner);
      const recent: RecentAttempt = { ...attempt, channelId: delivery.channelId };
      pipeline.lpush(recentKey, JSON.stringify(recent));
      pipeline.ltrim(recentKey, 0, RECENT_ATTEMPTS - 1);
      pipeline.pexpire(recentKey, ATTEMPTS_TTL_MS);
    }
    if (attempt.nextAttemptAt === undefined) {
      pipeline.zrem(this.dueKey, delivery.id);
      pipeline.del(this.deliveryPrefix + delivery.id);
    } else {
      pipeline.set(
        this.deliveryPrefix + delivery.id,
        JSON.stringify({ ...delivery, attempts: attempt.attempt }),
      );
      pipeline.zadd(this.dueKey, attempt.nextAttemptAt, delivery.id);
    }
    await pipeline.exec();
  }

  async listAttempts(channelId: string): Promise<DeliveryAttempt[]> {
    const items = await this.redis.lrange(this.attemptsKey(channelId), 0, -1);
    return items.map((item) => JSON.parse(item) as DeliveryAttempt);
  }

  async listRecentAttempts(owner: string, limit: number): Promise<RecentAttempt[]> {
    const items = await this.redis.lrange(this.recentKey(owner), 0, Math.min(limit, RECENT_ATTEMPTS) - 1);
    return items.map((item) => JSON.parse(item) as RecentAttempt);
  }

  /** Each run's attempt list expires on its own (ATTEMPTS_TTL_MS). */
  async deleteAttemptsBefore(): Promise<void> {}

  async close(): Promise<void> {}
}
