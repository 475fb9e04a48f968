// After answering one run, the next to answer: of the runs waiting for an answer (other than this one), the
// one whose wait ends first, so an operator working through many answers none too late.
import type { RunSummary } from '../runs/summary';

type WaitingRun = Pick<RunSummary, 'channelId' | 'status' | 'answerDueAt' | 'createdAt'>;

export function nextWaitingRun<T extends WaitingRun>(runs: readonly T[], current: string): T | undefined {
  const waiting = runs.filter((run) => run.status === 'waiting' && run.channelId !== current);
  const dueAt = (run: T) => run.answerDueAt ?? Number.POSITIVE_INFINITY;
  return waiting.sort((a, b) => dueAt(a) - dueAt(b) || a.createdAt - b.createdAt)[0];
}
