// The Redis backend's queue: runs wait in BullMQ and are executed by workers in any process.
// Same interface as the embedded queue; cancel reaches the worker through a Redis notification.
import { DelayedError, Queue, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { AppConfig } from '../../config';
import { isApiError } from '../../errors';
import { getLogger, withLogContext } from '../../ops/logger';
import { executeLoggedRun } from '../../ops/run-log';
import type { RedisKeys } from './keys';
import type { RedisNotifier } from './notifier';
import type { ChannelBus, RunStore } from '../../store/types';
import { endRun, RUN_CRASHED } from '../../runs/end-run';
import { FairSlots, ownerCap, slotLimits } from '../../runs/fair-slots';
import { queueFullError, Reservations, type QueueTicket, type RunQueue } from '../../runs/queue';
import type { RunWorker } from '../types';
import { RedisOwnerSlots } from './owner-slots';
import { failRunOfLostWorker } from './recovery';

export const RUN_QUEUE_NAME = 'runs';
const WAITING_STATES = ['waiting', 'prioritized', 'delayed'] as const;
/** A cancel request outlives any reasonable hand-over between queue and worker. */
const CANCEL_REQUEST_TTL_SECONDS = 24 * 60 * 60;

interface RunJob {
  channelId: string;
  /** Whose run it is, for the per-owner cap (absent on jobs queued by earlier versions). */
  owner?: string;
}

/** How long a run whose owner is at its cap steps aside, letting other owners' runs through, before it tries again. */
const OVER_CAP_DELAY_MS = 250;

/** BullMQ job ids may be neither integers nor contain ':'; channel ids may be digits only. */
const jobIdOf = (channelId: string) => `run-${channelId}`;

export class BullRunQueue implements RunQueue {
  private readonly reservations = new Reservations();
  /** Completions answered on the request run in this web process, under the same limits. */
  private readonly inline: FairSlots;

  constructor(
    private readonly queue: Queue<RunJob>,
    private readonly redis: Redis,
    private readonly notifier: RedisNotifier,
    private readonly keys: RedisKeys,
    private readonly config: AppConfig,
  ) {
    this.inline = new FairSlots(slotLimits(config));
  }

  /** For a completion answered on the request (acquireSlot): BullMQ's waiting jobs, this process's reservations and inline waiters. */
  private async assertRoom(): Promise<void> {
    const queued =
      (await this.queue.getJobCountByTypes(...WAITING_STATES)) + this.reservations.count + this.inline.queued;
    if (queued >= this.config.MAX_QUEUED_RUNS) throw queueFullError(queued, this.config.MAX_CONCURRENT_RUNS);
  }

  async acquireSlot(owner: string, signal: AbortSignal): Promise<() => void> {
    await this.assertRoom();
    return this.inline.acquire(owner, signal);
  }

  /**
   * The room is checked by the store as it creates the run (CREATE_RUN counts the deployment's queued
   * runs in the same script), not asked of BullMQ first: a dispatch makes one round trip fewer before
   * its job is added, and concurrent dispatches of several processes cannot overfill the queue. The
   * completions waiting here for a slot take their places from it.
   */
  async reserve(owner: string): Promise<QueueTicket> {
    const room = {
      maxQueued: this.config.MAX_QUEUED_RUNS - this.inline.queued,
      concurrency: this.config.MAX_CONCURRENT_RUNS,
    };
    const ticket = this.reservations.take(async (channelId) => {
      await this.queue.add(
        'run',
        { channelId, owner },
        { jobId: jobIdOf(channelId), removeOnComplete: true, removeOnFail: true },
      );
    }, room);
    return {
      ...ticket,
      submitBehind: (channelId, creation) => this.submitBehind(ticket, channelId, creation),
    };
  }

  /**
   * The queue writes on the store's connection (createBullQueue's caller), so the job is added after
   * the run in Redis even though it is sent before the creation's answer. A refused creation leaves a
   * job to take back: past the room, no run has the channel id, so the job is this one; for a channel id
   * already taken it is left alone, being that run's own job or one its worker drops (the run is not
   * queued, or never ran for want of a job).
   */
  private async submitBehind(ticket: QueueTicket, channelId: string, creation: Promise<void>): Promise<void> {
    const [created, submitted] = await Promise.allSettled([creation, ticket.submit(channelId)]);
    if (created.status === 'rejected') {
      const taken = isApiError(created.reason) && created.reason.code === 'CONFLICT';
      if (!taken) {
        await this.queue.remove(jobIdOf(channelId)).catch(() => undefined);
      }
      throw created.reason;
    }
    if (submitted.status === 'rejected') throw submitted.reason;
  }

  async depth(): Promise<number> {
    return this.queue.getJobCountByTypes(...WAITING_STATES);
  }

  /** Worker processes connected to the queue (BullMQ names each worker's connection to Redis). */
  async workers(): Promise<number> {
    return this.queue.getWorkersCount();
  }

  /**
   * A waiting job is removed. Otherwise a worker may hold it: the cancel request is stored (for a worker
   * that is just picking it up) and announced (for the one running it).
   */
  async cancel(channelId: string): Promise<void> {
    const job = await this.queue.getJob(jobIdOf(channelId));
    const state = job ? await job.getState() : undefined;
    if (job && WAITING_STATES.includes(state as (typeof WAITING_STATES)[number])) {
      const removed = await job.remove().then(
        () => true,
        () => false,
      );
      if (removed) return;
    }
    await this.redis.set(this.keys.cancelRequest(channelId), '1', 'EX', CANCEL_REQUEST_TTL_SECONDS);
    await this.notifier.publish(this.keys.cancelTopic, channelId);
  }

  async close(): Promise<void> {
    this.inline.close();
    await this.queue.close();
  }
}

export interface RunWorkerDeps {
  store: RunStore;
  bus: ChannelBus;
  config: AppConfig;
  redis: Redis;
  /** A connection of its own for BullMQ's worker (it blocks while waiting for jobs). */
  connection: Redis;
  notifier: RedisNotifier;
  keys: RedisKeys;
}

/**
 * Executes queued runs in this process, at most MAX_CONCURRENT_RUNS at once and at most MAX_RUNS_PER_OWNER
 * of one owner across all workers (lib/backends/redis/owner-slots.ts). A job whose worker died
 * comes back (BullMQ found its lock expired) and is settled by crash recovery instead of being run.
 */
export function startRunWorker(deps: RunWorkerDeps): RunWorker {
  const { store, bus, config, redis, keys } = deps;
  const running = new Map<string, AbortController>();
  deps.notifier.on(keys.cancelTopic, (channelId) => running.get(channelId)?.abort());
  const cap = ownerCap(config);
  const ownerSlots =
    cap === undefined ? undefined : new RedisOwnerSlots(redis, keys.ownerSlots, cap, config.WORKER_LOCK_MS);

  /** A run whose owner has its cap of runs executing goes back to wait, behind other owners' runs. */
  const runInOwnerSlot = async (job: Job<RunJob>, token?: string) => {
    const { owner, channelId } = job.data;
    const slot = ownerSlots && owner ? await ownerSlots.take(owner, channelId) : undefined;
    if (ownerSlots && owner && !slot) {
      await job.moveToDelayed(Date.now() + OVER_CAP_DELAY_MS, token);
      throw new DelayedError();
    }
    try {
      await runJob(job);
    } finally {
      await slot?.release();
    }
  };

  const runJob = async (job: Job<RunJob>) => {
    const { channelId } = job.data;
    const controller = new AbortController();
    running.set(channelId, controller);
    try {
      // Asked while the run starts, not before: each is a round trip its first event would wait for.
      // Redis answers them before the start (sent first, on the same connection), so a cancel request
      // aborts the run before its engine begins; a run a dead worker held is not `queued`, so it does
      // not start again and is failed here.
      const cancelChecked = redis.exists(keys.cancelRequest(channelId)).then((requested) => {
        if (requested) controller.abort();
      });
      // One read of the record serves both: it is sent before the start, so it shows the run as it was.
      const record = store.getRun(channelId);
      const lost = failRunOfLostWorker({ store, bus }, channelId, record);
      const execution = executeLoggedRun(channelId, controller.signal, { store, bus, config }, { reading: record });
      await Promise.all([cancelChecked, lost, execution]);
    } catch (error) {
      getLogger().error({ err: error }, 'run crashed');
      await endRun({ store, bus }, channelId, RUN_CRASHED).catch(() => undefined);
    } finally {
      running.delete(channelId);
    }
  };

  const processRun = (job: Job<RunJob>, token?: string) =>
    withLogContext({ channelId: job.data.channelId }, () => runInOwnerSlot(job, token));
  const worker = new Worker<RunJob>(RUN_QUEUE_NAME, processRun, {
    connection: deps.connection,
    prefix: keys.queuePrefix,
    concurrency: config.MAX_CONCURRENT_RUNS,
    lockDuration: config.WORKER_LOCK_MS,
    stalledInterval: Math.max(1000, Math.floor(config.WORKER_LOCK_MS / 2)),
    maxStalledCount: 1,
  });
  worker.on('error', (error) => getLogger().error({ err: error }, 'queue worker error'));
  return {
    async close() {
      await worker.close();
    },
    // BullMQ's close takes no further job and waits for the active ones: jobs still waiting stay queued.
    stopTakingRuns: () => worker.close(),
    abortRunning(reason) {
      for (const controller of running.values()) controller.abort(reason);
    },
    runningChannels: () => [...running.keys()],
  };
}

export function createBullQueue(connection: Redis, keys: RedisKeys): Queue<RunJob> {
  return new Queue<RunJob>(RUN_QUEUE_NAME, { connection, prefix: keys.queuePrefix });
}
