// Whether this process is shutting down. Once draining, it takes no new work (dispatch answers 503 with
// Retry-After, ready answers 503) and open subscriptions are told to end cleanly so their clients resume
// elsewhere with `after`. Kept on globalThis: Next bundles routes and instrumentation separately.
import { ApiError } from '../errors';

/** What a client should wait before trying again: a load balancer needs a few seconds to notice. */
const RETRY_AFTER_SECONDS = 5;

const STATE_KEY = Symbol.for('dispatch-studio.drain-state');
interface DrainState {
  draining: boolean;
  /** Aborted when open subscriptions should end (after the runs of this process have ended). */
  closeSubscriptions: AbortController;
}

function state(): DrainState {
  const global = globalThis as typeof globalThis & { [STATE_KEY]?: DrainState };
  global[STATE_KEY] ??= { draining: false, closeSubscriptions: new AbortController() };
  return global[STATE_KEY];
}

export const isDraining = () => state().draining;

export function startDraining(): void {
  state().draining = true;
}

/** Throws 503 with Retry-After while the process drains; called where new work comes in. */
export function refuseNewWorkWhileDraining(): void {
  if (state().draining) {
    throw new ApiError('SERVICE_UNAVAILABLE', 'This server is shutting down; try again shortly', {
      retryAfterSeconds: RETRY_AFTER_SECONDS,
    });
  }
}

/** Aborts when open subscriptions should send what is stored and end. */
export const subscriptionsClosing = (): AbortSignal => state().closeSubscriptions.signal;

export function closeSubscriptions(): void {
  state().closeSubscriptions.abort();
}
