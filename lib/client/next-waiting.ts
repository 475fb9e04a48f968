// After answering one run, the others waiting for an answer in the order to answer them: the one whose wait
// ends first comes first, so an operator working through many answers none too late.
import type { RunSummary } from '../runs/summary';

type WaitingRun = Pick<RunSummary, 'channelId' | 'status' | 'answerDueAt' | 'createdAt'>;

export function waitingRunsToAnswer<T extends WaitingRun>(runs: readonly T[], current: string): T[] {
  const waiting = runs.filter((run) => run.status === 'waiting' && run.channelId !== current);
  const dueAt = (run: T) => run.answerDueAt ?? Number.POSITIVE_INFINITY;
  return waiting.sort((a, b) => dueAt(a) - dueAt(b) || a.createdAt - b.createdAt);
}
