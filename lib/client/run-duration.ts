// How long a run took, said the same way everywhere in the live view (the headline and the Duration
// figure) and in the runs list: from its dispatch to its end, queue time included. Once the run ended
// it is the server's figure; until then it counts on from the dispatch (or from the run's first event
// while its record has not arrived yet).
import type { ChannelView } from './channel-view';

export interface RunTimes {
  createdAt: number;
  durationMs?: number;
}

export function runDurationMs(run: RunTimes | undefined, view: ChannelView, now: number): number | undefined {
  if (run?.durationMs !== undefined) return run.durationMs;
  const from = run?.createdAt ?? view.times.begin;
  return from === undefined ? undefined : Math.max(0, (view.times.end ?? now) - from);
}
