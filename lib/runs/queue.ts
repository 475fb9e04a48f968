// How runs wait for a slot. The embedded queue lives in the server process; the Redis backend
// provides the same interface over BullMQ.
import { ApiError } from '../errors';
import { getLogger } from '../ops/logger';

export interface QueueTicket {
  /** Hands the stored run to the queue. */
  submit(channelId: string): Promise<void>;
  /** Gives the reserved place back (the run was not stored). */
  release(): void;
}

export interface RunQueue {
  /** Reserves a place before anything is stored; throws 429 with Retry-After when the queue is full. */
  reserve(): Promise<QueueTicket>;
  /** Stops a queued or running run wherever it is; resolves true when a run was found to stop. */
  cancel(channelId: string): Promise<boolean>;
  /** Runs queued or running now (for status pages). */
  counts(): Promise<{ queued: number; running: number }>;
  close(): Promise<void>;
}

export type RunExecutor = (channelId: string, signal: AbortSignal) => Promise<void>;

export function queueFullError(queued: number, concurrency: number): ApiError {
  return new ApiError('TOO_MANY_REQUESTS', `Too many queued runs (${queued}); try again shortly`, {
    retryAfterSeconds: Math.max(1, Math.ceil(queued / concurrency / 10)),
  });
}

/**
 * Places promised to dispatches that are still storing their run: they count as queued, so concurrent
 * dispatches cannot overfill the queue between the check and the hand-over.
 */
export class Reservations {
  count = 0;

  take(enqueue: (channelId: string) => Promise<void> | void): QueueTicket {
    this.count += 1;
    let open = true;
    const close = () => {
      if (open) this.count -= 1;
      open = false;
    };
    return {
      submit: async (channelId) => {
        close();
        await enqueue(channelId);
      },
      release: close,
    };
  }
}

/** Bounded in-process queue: at most `maxConcurrent` runs execute, at most `maxQueued` wait. */
export class LocalRunQueue implements RunQueue {
  private readonly waiting: string[] = [];
  private readonly running = new Map<string, AbortController>();
  private readonly reservations = new Reservations();
  /** False once the process drains: queued runs stay queued (in the store) for the next start. */
  private accepting = true;
  private readonly idleWaiters: (() => void)[] = [];

  constructor(
    private readonly execute: RunExecutor,
    private readonly maxConcurrent: number,
    private readonly maxQueued: number,
    /** Called when a queued run is removed by cancel, so it can be ended in the store. */
    private readonly onCancelQueued: (channelId: string) => Promise<void>,
  ) {}

  async reserve(): Promise<QueueTicket> {
    const queued = this.waiting.length + this.reservations.count;
    if (queued >= this.maxQueued) throw queueFullError(queued, this.maxConcurrent);
    return this.reservations.take((channelId) => {
      this.waiting.push(channelId);
      this.pump();
    });
  }

  async cancel(channelId: string): Promise<boolean> {
    const index = this.waiting.indexOf(channelId);
    if (index >= 0) {
      this.waiting.splice(index, 1);
      await this.onCancelQueued(channelId);
      return true;
    }
    const controller = this.running.get(channelId);
    controller?.abort();
    return controller !== undefined;
  }

  async counts() {
    return { queued: this.waiting.length, running: this.running.size };
  }

  private pump(): void {
    while (this.accepting && this.running.size < this.maxConcurrent && this.waiting.length > 0) {
      const channelId = this.waiting.shift() as string;
      const controller = new AbortController();
      this.running.set(channelId, controller);
      this.execute(channelId, controller.signal)
        .catch((error) => getLogger().error({ err: error, channelId }, 'run crashed'))
        .finally(() => {
          this.running.delete(channelId);
          if (this.running.size === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
          this.pump();
        });
    }
  }

  /** Graceful drain: starts no further run; resolves once none runs. */
  stopTakingRuns(): Promise<void> {
    this.accepting = false;
    if (this.running.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  abortRunning(reason: unknown): void {
    for (const controller of this.running.values()) controller.abort(reason);
  }

  runningChannels(): string[] {
    return [...this.running.keys()];
  }

  async close(): Promise<void> {
    this.waiting.length = 0;
    for (const controller of this.running.values()) controller.abort();
  }
}
