// How runs wait for a slot: the interface each backend's queue implements (in-process for the embedded
// backend, BullMQ for Redis), and the reservation bookkeeping both share.
import { ApiError } from '../errors';
import type { LendableSlot } from './fair-slots';

/**
 * A queue's room, checked by the store in the same step that creates the run: on Redis one round trip
 * instead of a count and then a create, and atomic across processes.
 */
export interface QueueRoom {
  /** The run is refused (429, queueFullError) when the store already holds this many queued runs. */
  maxQueued: number;
  /** MAX_CONCURRENT_RUNS, for the refusal's Retry-After. */
  concurrency: number;
}

export interface QueueTicket {
  /** Present when the store checks the queue's room as it creates the run; absent when reserve checked it. */
  readonly room?: QueueRoom;
  /** Hands the stored run to the queue. */
  submit(channelId: string): Promise<void>;
  /**
   * Hands the run over right behind its creation, without waiting for the store's answer: a queue that
   * writes on the store's own connection (Redis applies one connection's commands in order) cannot show
   * a worker the job before the run, so both take one round trip instead of two. Resolves once both are
   * done; rejects with the creation's error after taking back a job that no new run stands behind.
   * Absent where the hand-over must wait for the creation (the embedded queue starts runs in process).
   */
  submitBehind?(channelId: string, creation: Promise<void>): Promise<void>;
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
  /**
   * Takes the run out of the queue if it is still waiting there, or stops it wherever it runs. Ending a
   * run that never started (status `queued`) is left to the caller, which owns the store.
   */
  cancel(channelId: string): Promise<void>;
  /** Runs waiting for a slot now, across the deployment (the overview's and metrics' queue depth). */
  depth(): Promise<number>;
  /**
   * Processes taking runs from the queue now, across the deployment (the Redis layout's workers); undefined
   * where this server runs the queue itself, so there is always one.
   */
  workers(): Promise<number | undefined>;
  close(): Promise<void>;
}

/** Executes a queued run; `slot` is its execution slot, which it lends while it waits for an answer. */
export type RunExecutor = (channelId: string, signal: AbortSignal, slot?: LendableSlot) => Promise<void>;

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

  take(enqueue: (channelId: string) => Promise<void> | void, room?: QueueRoom): QueueTicket {
    this.count += 1;
    let open = true;
    const close = () => {
      if (open) this.count -= 1;
      open = false;
    };
    return {
      room,
      submit: async (channelId) => {
        close();
        await enqueue(channelId);
      },
      release: close,
    };
  }
}
