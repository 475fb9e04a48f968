import { describe, expect, it } from 'vitest';
import { countedMinutes, summarizeBuckets } from './overview';

const MINUTE = 60_000;
/** Half past the minute, 10:00:30 on some day. */
const now = Date.UTC(2026, 11, 7, 10, 0, 30);
const thisMinute = now - 30_000;

describe('the charts of the overview', () => {
  it('give the minute under way its rate so far, not a false drop at the right edge', () => {
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

  it('count at least a quarter of a bucket for the one just begun, so one run is not a burst', () => {
    expect(countedMinutes(thisMinute, MINUTE, thisMinute + 3_000)).toBe(0.25);
    expect(countedMinutes(thisMinute, MINUTE, thisMinute + 45_000)).toBe(0.75);
    expect(countedMinutes(thisMinute - MINUTE, MINUTE, now)).toBe(1);
    // A day's buckets are 15 minutes long.
    expect(countedMinutes(thisMinute, 15 * MINUTE, thisMinute + 10 * MINUTE)).toBe(10);
  });

  it('keep the window totals as they were: every run counted once over the whole window', () => {
    const overview = summarizeBuckets([{ start: thisMinute, fields: { created: 6, tokens: 60 } }], 'hour', now);
    expect(overview.runsPerMinute).toBeCloseTo(6 / 60);
    expect(overview.tokensPerMinute).toBeCloseTo(1);
  });
});
