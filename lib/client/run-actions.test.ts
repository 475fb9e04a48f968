import { describe, expect, it } from 'vitest';
import { describeReport } from './run-actions';

describe('describeReport', () => {
  it('says what was done, once per kind, with thousands separated', () => {
    expect(describeReport({ kind: 'cancel', done: 1, failures: [] })).toBe('Cancelled 1 run.');
    expect(describeReport({ kind: 'retry', done: 1000, failures: [] })).toBe('Retried 1,000 runs.');
  });

  it('names why runs were refused in a sentence of its own, ending it once', () => {
    const failures = [
      { channelId: 'a', message: 'Run already completed' },
      { channelId: 'b', message: 'Run not found.' },
    ];
    expect(describeReport({ kind: 'cancel', done: 3, failures })).toBe(
      'Cancelled 3 runs. 2 runs could not be cancelled: Run already completed.',
    );
    expect(describeReport({ kind: 'retry', done: 0, failures: failures.slice(1) })).toBe(
      'Retried 0 runs. 1 run could not be retried: Run not found.',
    );
  });

  it('says which chosen runs were left alone, as the action goes', () => {
    expect(describeReport({ kind: 'cancel', done: 2, failures: [], leftAlone: 1 })).toBe(
      'Cancelled 2 runs. 1 run had already ended and was left as it was.',
    );
    expect(describeReport({ kind: 'retry', done: 1, failures: [], leftAlone: 3 })).toBe(
      'Retried 1 run. 3 runs still going were not retried.',
    );
  });
});
