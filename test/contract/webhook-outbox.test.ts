// One contract for both webhook outboxes (SQLite beside the runs, Redis): notices are taken in once,
// a due delivery is claimed by one caller at a time (a lease), retries come due again, attempts are listed.
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteRunStore } from '@/lib/backends/embedded/sqlite-store';
import { SqliteWebhookOutbox } from '@/lib/backends/embedded/webhook-outbox';
import { redisKeys } from '@/lib/backends/redis/keys';
import { RedisRunStore } from '@/lib/backends/redis/store';
import { RedisWebhookOutbox } from '@/lib/backends/redis/webhook-outbox';
import type { RunPatch, RunStore } from '@/lib/store/types';
import { deliveriesOf } from '@/lib/webhooks/payload';
import type { WebhookOutbox } from '@/lib/webhooks/outbox';
import { tempDataDir } from '../support/next-server';
import { dropPrefix, REDIS_URL, testRedis, uniquePrefix } from '../support/redis';

const HOUR = 60 * 60 * 1000;
const redisPrefix = uniquePrefix('outbox');
const inspector = testRedis();
afterAll(async () => {
  await dropPrefix(inspector, redisPrefix);
  await inspector.quit();
});

const backends: [string, () => { store: RunStore; outboxes: [WebhookOutbox, WebhookOutbox] }][] = [
  [
    'sqlite',
    () => {
      const file = path.join(tempDataDir(), 'dispatch.sqlite');
      const store = new SqliteRunStore(file);
      return {
        store,
        outboxes: [new SqliteWebhookOutbox(file, store), new SqliteWebhookOutbox(file, store)],
      };
    },
  ],
  [
    'redis',
    () => {
      const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 2 });
      const store = new RedisRunStore(redis, redisKeys(redisPrefix), HOUR);
      return {
        store,
        outboxes: [
          new RedisWebhookOutbox(redis, redisPrefix, store),
          new RedisWebhookOutbox(redis, redisPrefix, store),
        ],
      };
    },
  ],
];

describe.each(backends)('webhook outbox contract: %s', (_name, open) => {
  const { store, outboxes } = open();
  const [first, second] = outboxes;
  afterAll(async () => {
    await Promise.all(outboxes.map((outbox) => outbox.close()));
    await store.close();
  });

  /** A run of `owner` created and ended at once: its end journals the notice the outbox takes in. */
  async function storeEndedRun(
    channelId: string,
    owner: string,
    end: Pick<RunPatch, 'outputTokens' | 'error'> & { status: 'completed' | 'failed' },
  ): Promise<void> {
    await store.createRun({
      channelId,
      owner,
      engine: 'local',
      model: 'local',
      request: { messages: [{ type: 'user', text: 'hi' }] },
      timezone: 'UTC',
      title: 'hi',
      createdAt: Date.now(),
    });
    await store.appendEvents(channelId, [], { ...end, endedAt: Date.now() });
  }

  it('takes each notice in once, leases each due delivery to one caller, and brings retries back when due', async () => {
    const urls = ['http://127.0.0.1:9/a', 'http://127.0.0.1:9/b'];
    const toDeliveries = (notice: Parameters<typeof deliveriesOf>[0]) =>
      deliveriesOf(notice, urls, Date.now());
    // A new outbox starts from now.
    await first.takeInNotices(toDeliveries, 50);
    const channelId = `outbox-${Date.now()}`;
    await storeEndedRun(channelId, 'public', { status: 'completed', outputTokens: 2 });

    const taken = await Promise.all([
      first.takeInNotices(toDeliveries, 50),
      second.takeInNotices(toDeliveries, 50),
    ]);
    expect(taken.sort()).toEqual([0, 1]);
    expect(await first.takeInNotices(toDeliveries, 50)).toBe(0);

    const now = Date.now();
    const [claimedA, claimedB] = await Promise.all([
      first.claimDue(now, 10_000, 10),
      second.claimDue(now, 10_000, 10),
    ]);
    const claimed = [...claimedA, ...claimedB];
    expect(claimed.map((delivery) => delivery.url).sort()).toEqual(urls);
    expect(new Set(claimed.map((delivery) => delivery.webhookId)).size).toBe(1);
    expect(JSON.parse(claimed[0].body)).toMatchObject({
      type: 'run.completed',
      data: { channelId, usage: { outputTokens: 2 } },
    });
    // Leased: nobody gets them again before the lease ends.
    expect(await first.claimDue(now + 5_000, 10_000, 10)).toEqual([]);

    const [failed, delivered] = claimed.sort((a, b) => (a.url < b.url ? -1 : 1));
    await first.recordAttempt(failed, {
      deliveryId: failed.id,
      webhookId: failed.webhookId,
      type: failed.type,
      url: failed.url,
      attempt: 1,
      at: now,
      statusCode: 500,
      error: 'The receiver answered 500',
      nextAttemptAt: now + 100,
    });
    await first.recordAttempt(delivered, {
      deliveryId: delivered.id,
      webhookId: delivered.webhookId,
      type: delivered.type,
      url: delivered.url,
      attempt: 1,
      at: now,
      statusCode: 200,
    });
    expect(await second.claimDue(now + 50, 10_000, 10)).toEqual([]);
    const retried = await second.claimDue(now + 100, 10_000, 10);
    expect(retried.map((delivery) => [delivery.url, delivery.attempts])).toEqual([[failed.url, 1]]);
    expect((await first.listAttempts(channelId)).map((attempt) => attempt.statusCode).sort()).toEqual([
      200, 500,
    ]);
  });

  it("lists an owner's newest attempts across runs, newest first, and none of another owner's", async () => {
    const urls = ['http://127.0.0.1:9/recent'];
    const toDeliveries = (notice: Parameters<typeof deliveriesOf>[0]) => deliveriesOf(notice, urls, Date.now());
    await first.takeInNotices(toDeliveries, 50);
    const owner = `owner-${Date.now()}`;
    const endRun = async (runOwner: string, index: number) => {
      const channelId = `recent-${runOwner}-${index}`;
      await storeEndedRun(channelId, runOwner, { status: 'failed', outputTokens: 0, error: 'x' });
      return channelId;
    };
    const ours = [await endRun(owner, 1), await endRun(owner, 2), await endRun(owner, 3)];
    const theirs = await endRun(`${owner}-other`, 1);
    await first.takeInNotices(toDeliveries, 50);
    const claimed = (await first.claimDue(Date.now(), 10_000, 50)).filter((delivery) =>
      [...ours, theirs].includes(delivery.channelId),
    );
    expect(claimed).toHaveLength(4);
    const at = Date.now();
    for (const delivery of claimed) {
      const order = delivery.channelId === theirs ? 10 : ours.indexOf(delivery.channelId);
      await first.recordAttempt(delivery, {
        deliveryId: delivery.id,
        webhookId: delivery.webhookId,
        type: delivery.type,
        url: delivery.url,
        attempt: 1,
        at: at + order,
        statusCode: 503,
        error: 'The receiver answered 503',
        nextAttemptAt: at + 60_000,
      });
    }
    const recent = await second.listRecentAttempts(owner, 2);
    expect(recent.map((attempt) => attempt.channelId)).toEqual([ours[2], ours[1]]);
    expect(recent[0]).toMatchObject({ type: 'run.failed', statusCode: 503, attempt: 1, url: urls[0] });
    expect((await second.listRecentAttempts(owner, 50)).map((attempt) => attempt.channelId)).toEqual([
      ours[2],
      ours[1],
      ours[0],
    ]);
    expect(await second.listRecentAttempts('nobody', 50)).toEqual([]);
  });
});
