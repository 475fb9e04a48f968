// The run a dispatch has just stored, with its validated request, handed to the run's executor in the
// same process: the run then neither reads its record back nor parses again, on the event loop, the JSON
// its request was stored as (~3 MB for 16 datasets of 5,000 records). A run started elsewhere (the Redis
// worker) or later (after a restart, or after more than MAX_KEPT dispatches queued behind it) reads its
// record and request from the store as before.
// Kept on globalThis: Next bundles the route handlers and the executor separately.
import type { NewRun } from '../store/types';

/** Few: each is a parsed request, up to tens of MB of objects for the largest. */
const MAX_KEPT = 4;
const KEPT_KEY = Symbol.for('dispatch-studio.dispatched-requests');
type GlobalWithKept = typeof globalThis & { [KEPT_KEY]?: Map<string, NewRun> };

function keptRuns(): Map<string, NewRun> {
  const holder = globalThis as GlobalWithKept;
  holder[KEPT_KEY] ??= new Map();
  return holder[KEPT_KEY];
}

export function keepDispatchedRun(run: NewRun): void {
  const kept = keptRuns();
  kept.set(run.channelId, run);
  for (const oldest of kept.keys()) {
    if (kept.size <= MAX_KEPT) break;
    kept.delete(oldest);
  }
}

/** The run kept for this channel, once; undefined when it was not kept here. */
export function takeDispatchedRun(channelId: string): NewRun | undefined {
  const kept = keptRuns();
  const run = kept.get(channelId);
  kept.delete(channelId);
  return run;
}
