// The scale-out wiring (REDIS_URL set): runs and events in Redis, the queue in BullMQ. A web process
// executes runs too unless RUN_WORKER=false; `npm run worker` starts processes that only execute runs.
import type { AppConfig } from '../config';
import { BullRunQueue, createBullQueue, startRunWorker } from '../runs/bullmq-queue';
import { RunService } from '../runs/service';
import { RedisChannelBus } from '../store/redis/bus';
import { connectRedis } from '../store/redis/connection';
import { redisKeys } from '../store/redis/keys';
import { RedisNotifier } from '../store/redis/notifier';
import { RedisRunStore } from '../store/redis/store';
import { labelProcessRole, measureQueueDepth } from '../metrics/registry';
import { RedisWebhookOutbox } from '../webhooks/redis-outbox';
import { startWebhooksIfConfigured } from '../webhooks/dispatcher';
import type { Runtime } from './runtime';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Store, bus and notifier: what both web and worker processes need. */
export async function connectRedisBackend(config: AppConfig) {
  const url = config.REDIS_URL as string;
  const keys = redisKeys(config.REDIS_KEY_PREFIX);
  const redis = connectRedis(url, keys.prefix, 'commands');
  const notifier = new RedisNotifier(connectRedis(url, keys.prefix, 'notifications'), redis, [
    keys.appendedTopic,
    keys.publishedTopic,
    keys.cancelTopic,
  ]);
  await notifier.whenReady();
  const store = new RedisRunStore(redis, keys, config.RETENTION_DAYS * DAY_MS);
  const bus = new RedisChannelBus(notifier, keys);
  const outbox = new RedisWebhookOutbox(redis, keys.prefix, store);
  const startWorker = () =>
    startRunWorker({
      store,
      bus,
      config,
      redis,
      notifier,
      keys,
      connection: connectRedis(url, keys.prefix, 'worker'),
    });
  return { keys, redis, notifier, store, bus, outbox, startWorker };
}

export async function createRedisRuntime(config: AppConfig): Promise<Runtime> {
  const backend = await connectRedisBackend(config);
  const { keys, redis, notifier, store, bus, outbox } = backend;
  const queue: BullRunQueue = new BullRunQueue(
    createBullQueue(connectRedis(config.REDIS_URL as string, keys.prefix, 'queue'), keys),
    redis,
    notifier,
    keys,
    config,
    (channelId) => service.endQueuedRunAsCancelled(channelId),
  );
  const service = new RunService({ store, bus, queue, config });
  const worker = config.RUN_WORKER ? backend.startWorker() : undefined;
  // Every process runs the delivery loop; the outbox's leases let exactly one of them send each attempt.
  const webhooks = startWebhooksIfConfigured(config, outbox);
  labelProcessRole(worker ? 'web+worker' : 'web');
  measureQueueDepth(async () => (await queue.counts()).queued);
  console.log(
    `[runtime] Redis backend (prefix "${keys.prefix}")${worker ? ', executing runs here too' : ', RUN_WORKER=false'}`,
  );
  return {
    config,
    store,
    bus,
    queue,
    service,
    outbox,
    async close() {
      await webhooks?.stop();
      await worker?.close();
      await queue.close();
      await bus.close();
      await notifier.close();
      await store.close();
    },
  };
}
