// The request a dispatch has just validated, handed to the run's executor in the same process: the run
// then does not parse again, on the event loop, the JSON it was stored as (~3 MB for 16 datasets of
// 5,000 records). A run started elsewhere (the Redis worker) or later (after a restart, or after more
// than MAX_KEPT dispatches queued behind it) reads its request from the store as before.
// Kept on globalThis: Next bundles the route handlers and the executor separately.
import type { DispatchRequest } from '../dispatch/schema';

/** Few: each is a parsed request, up to tens of MB of objects for the largest. */
const MAX_KEPT = 4;
const KEPT_KEY = Symbol.for('dispatch-studio.dispatched-requests');
type GlobalWithKept = typeof globalThis & { [KEPT_KEY]?: Map<string, DispatchRequest> };

function keptRequests(): Map<string, DispatchRequest> {
  const holder = globalThis as GlobalWithKept;
  holder[KEPT_KEY] ??= new Map();
  return holder[KEPT_KEY];
}

export function keepDispatchedRequest(channelId: string, request: DispatchRequest): void {
  const kept = keptRequests();
  kept.set(channelId, request);
  for (const oldest of kept.keys()) {
    if (kept.size <= MAX_KEPT) break;
    kept.delete(oldest);
  }
}

/** The request kept for this run, once; undefined when it was not kept here. */
export function takeDispatchedRequest(channelId: string): DispatchRequest | undefined {
  const kept = keptRequests();
  const request = kept.get(channelId);
  kept.delete(channelId);
  return request;
}
