// A run's time to first token: from its start to its first token, not counting the time it waited for
// a person's or program's answer to a function call before that token (the live view says the same).

export interface FirstTokenTimes {
  startedAt?: number;
  firstTokenAt?: number;
  /** Time spent waiting for answers before the first token (ms). */
  waitBeforeFirstTokenMs?: number;
}

export function timeToFirstTokenMs(run: FirstTokenTimes): number | undefined {
  if (run.firstTokenAt === undefined || run.startedAt === undefined) return undefined;
  return Math.max(0, run.firstTokenAt - run.startedAt - (run.waitBeforeFirstTokenMs ?? 0));
}
