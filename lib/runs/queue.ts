// How runs wait for a slot. The embedded queue lives in the server process; the Redis backend
// provides the same interface over BullMQ.
import { ApiError } from '../errors';
import { FairSlots, type SlotLimits } from './fair-slots';

export interface QueueTicket {
  /** Hands the stored run to the queue. */
  submit(channelId: string): Promise<void>;
  /** Gives the reserved place back (the run was not stored). */
  release(): void;
}

export interface RunQueue {
  /** Reserves a place for `owner`'s run before anything is stored; throws 429 with Retry-After when the queue is full. */
  reserve(owner: string): Promise<QueueTicket>;
  /**
   * For work answered on the request itself (POST /conversation/complete): the same queue limit (429),
   * then waits its turn for an execution slot; resolves with the function that gives the slot back.
   */
  acquireSlot(owner: string, signal: AbortSignal): Promise<() => void>;
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

/**
 * Bounded in-process queue: at most `maxConcurrent` runs execute (shared fairly between owners, see
 * FairSlots), at most `maxQueued` wait. Completions answered on the request wait in the same queue.
 */
export class LocalRunQueue implements RunQueue {
  private readonly slots: FairSlots;
  private readonly reservations = new Reservations();

  constructor(
    private readonly execute: RunExecutor,
    private readonly limits: SlotLimits,
    private readonly maxQueued: number,
    /** Called when a queued run is removed by cancel, so it can be ended in the store. */
    private readonly onCancelQueued: (channelId: string) => Promise<void>,
  ) {
    this.slots = new FairSlots(limits, (channelId, error) =>
      console.error('[queue] run crashed', channelId, error),
    );
  }

  private assertRoom(): void {
    const queued = this.slots.queued + this.reservations.count;
    if (queued >= this.maxQueued) throw queueFullError(queued, this.limits.maxConcurrent);
  }

  async reserve(owner: string): Promise<QueueTicket> {
    this.assertRoom();
    return this.reservations.take((channelId) => {
      this.slots.add({ id: channelId, owner, run: (signal) => this.execute(channelId, signal) });
    });
  }

  async acquireSlot(owner: string, signal: AbortSignal): Promise<() => void> {
    this.assertRoom();
    return this.slots.acquire(owner, signal);
  }

  async cancel(channelId: string): Promise<boolean> {
    if (this.slots.removeWaiting(channelId)) {
      await this.onCancelQueued(channelId);
      return true;
    }
    return this.slots.abortRunning(channelId);
  }

  async counts() {
    return { queued: this.slots.queued, running: this.slots.active };
  }

  async close(): Promise<void> {
    this.slots.close();
  }
}
