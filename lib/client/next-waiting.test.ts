import { describe, expect, it } from 'vitest';
import { waitingRunsToAnswer } from './next-waiting';

const run = (channelId: string, answerDueAt: number | undefined, createdAt = 0, status = 'waiting' as const) => ({
  channelId,
  status,
  answerDueAt,
  createdAt,
});

describe('the next run to answer', () => {
  it('is the waiting run whose wait ends first, not this one', () => {
    const runs = [run('late', 9_000), run('this', 1_000), run('soon', 5_000), run('later', 7_000)];
    expect(waitingRunsToAnswer(runs, 'this')[0]?.channelId).toBe('soon');
  });

  it('skips runs no longer waiting, and is the oldest when no end is known', () => {
    const runs = [
      { ...run('done', 1_000), status: 'completed' as const },
      run('new', undefined, 20),
      run('old', undefined, 10),
    ];
    expect(waitingRunsToAnswer(runs, 'this')[0]?.channelId).toBe('old');
  });

  it('is none when no other run waits', () => {
    expect(waitingRunsToAnswer([run('this', 1_000)], 'this')).toEqual([]);
  });
});
