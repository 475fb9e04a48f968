import { describe, expect, it } from 'vitest';
import { MAX_ATTEMPTS, retryDelayMs } from './retry-schedule';

describe('webhook retry schedule', () => {
  it('doubles from the base and gives up after the last attempt', () => {
    expect([1, 2, 3].map((attempt) => retryDelayMs(attempt, 100))).toEqual([100, 200, 400]);
    expect(retryDelayMs(MAX_ATTEMPTS, 100)).toBeUndefined();
  });

  it('makes at least 5 attempts over at least 10 minutes with the default base of 5 s', () => {
    let total = 0;
    for (let attempt = 1; retryDelayMs(attempt, 5000) !== undefined; attempt += 1) {
      total += retryDelayMs(attempt, 5000) as number;
    }
    expect(MAX_ATTEMPTS).toBeGreaterThanOrEqual(5);
    expect(total).toBeGreaterThanOrEqual(10 * 60_000);
  });
});
