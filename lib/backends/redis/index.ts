// The scale-out wiring (REDIS_URL set): runs and events in Redis, the queue in BullMQ. A web process
// executes runs too unless RUN_WORKER=false; `npm run worker` starts processes that only execute runs.
import type { AppConfig } from '../../config';
import { BullRunQueue, createBullQueue, startRunWorker } from './bullmq-queue';
import { RunService } from '../../runs/service';
import { RedisChannelBus } from './bus';
import { connectRedis } from './connection';
import { redisKeys } from './keys';
import { RedisNotifier } from './notifier';
import { RedisRunStore } from './store';
import type { Runtime } from '../../server/runtime';

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
  return { keys, redis, notifier, store, bus, startWorker };
}

export async function createRedisRuntime(config: AppConfig): Promise<Runtime> {
  const backend = await connectRedisBackend(config);
  const { keys, redis, notifier, store, bus } = backend;
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
  console.log(
    `[runtime] Redis backend (prefix "${keys.prefix}")${worker ? ', executing runs here too' : ', RUN_WORKER=false'}`,
  );
  return {
    config,
    store,
    bus,
    queue,
    service,
    async close() {
      await worker?.close();
      await queue.close();
      await bus.close();
      await notifier.close();
      await store.close();
    },
  };
}
