import { describe, expect, it } from 'vitest';
import { summarizeBuckets, trailingCount } from './overview';

const MINUTE = 60_000;
/** Half past the minute, 10:00:30 on some day. */
const now = Date.UTC(2026, 11, 7, 10, 0, 30);
const thisMinute = now - 30_000;

describe('the charts of the overview', () => {
  it('give the minute under way the rate of the last whole minute, not a false drop at the right edge', () => {
    const { series } = summarizeBuckets(
      [
        { start: thisMinute - MINUTE, fields: { created: 10, tokens: 1200, failed: 2 } },
        // Half a minute in, at the same pace as the last whole minute.
        { start: thisMinute, fields: { created: 5, tokens: 600, failed: 1 } },
      ],
      'hour',
      now,
    );
    const [whole, underWay] = series.slice(-2);
    expect(whole).toMatchObject({ runsPerMinute: 10, tokensPerMinute: 1200, failedPerMinute: 2, failed: 2 });
    expect(underWay).toMatchObject({ start: thisMinute, runsPerMinute: 10, tokensPerMinute: 1200, failedPerMinute: 2, failed: 1 });
  });

  it('read a burst in the minute under way as the runs it holds, not a rate blown up from its seconds', () => {
    // 36 runs sent at once, 15 s into a minute after a quiet one (the walkthrough's chart read 120, then 75, then 42).
    const at = (seconds: number) =>
      summarizeBuckets([{ start: thisMinute, fields: { created: 36 } }], 'hour', thisMinute + seconds * 1000).series.at(-1);
    expect(at(15)?.runsPerMinute).toBe(36);
    expect(at(45)?.runsPerMinute).toBe(36);
  });

  it('count the share of the bucket before that is still within the last bucket, and nothing of it once a bucket ends', () => {
    expect(trailingCount(5, 10, thisMinute, MINUTE, thisMinute + 15_000)).toBe(5 + 7.5);
    expect(trailingCount(5, 10, thisMinute, MINUTE, thisMinute + MINUTE)).toBe(5);
    expect(trailingCount(5, 10, thisMinute - MINUTE, MINUTE, now)).toBe(5);
    // A day's buckets are 15 minutes long.
    expect(trailingCount(0, 30, thisMinute, 15 * MINUTE, thisMinute + 10 * MINUTE)).toBeCloseTo(10);
  });

  it('keep the window totals as they were: every run counted once over the whole window', () => {
    const overview = summarizeBuckets([{ start: thisMinute, fields: { created: 6, tokens: 60 } }], 'hour', now);
    expect(overview.runsPerMinute).toBeCloseTo(6 / 60);
    expect(overview.tokensPerMinute).toBeCloseTo(1);
  });
});
