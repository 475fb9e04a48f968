import { describe, expect, it } from 'vitest';
import { formatChartTime, formatDateTime, formatDuration, formatRate, formatTime, formatTimeLeft } from './format';

const afternoon = new Date(2026, 11, 4, 14, 51, 45).getTime();

describe('dates and times on screen', () => {
  it('names the month and keeps a 24-hour clock, so no locale reads it two ways', () => {
    const shown = formatDateTime(afternoon);
    expect(shown).toMatch(/Dec/);
    expect(shown).toMatch(/14:51/);
    expect(shown).not.toMatch(/12\/4|4\/12|[AP]M/i);
  });

  it('labels a chart by the 24-hour clock, or by the day when it spans days', () => {
    expect(formatChartTime(afternoon, 3600_000)).toBe('14:51');
    expect(formatChartTime(afternoon, 7 * 24 * 3600_000)).toMatch(/Dec/);
    expect(formatChartTime(afternoon, 7 * 24 * 3600_000)).not.toMatch(/14/);
  });

  it('gives an event row the clock with seconds, exactly as toLocaleTimeString did', () => {
    const morning = new Date(2026, 11, 4, 9, 5, 7).getTime();
    for (const at of [afternoon, morning])
      expect(formatTime(at)).toBe(new Date(at).toLocaleTimeString(undefined, { hour12: false }));
    expect(formatTime(afternoon)).toMatch(/14:51:45/);
  });
});

describe('durations', () => {
  it('never shows 60 seconds: a minute rounds over into the next', () => {
    expect(formatDuration(119_600)).toBe('2 min');
    expect(formatDuration(63_400)).toBe('1 min 3 s');
    expect(formatDuration(4_250)).toBe('4.3 s');
  });

  it('says whole minutes without "0 s", and hours with minutes from an hour on', () => {
    expect(formatDuration(60_000)).toBe('1 min');
    expect(formatDuration(3_599_000)).toBe('59 min 59 s');
    expect(formatDuration(3_600_000)).toBe('1 h');
    expect(formatDuration(4_530_000)).toBe('1 h 15 min');
    expect(formatTimeLeft(7_200_000)).toBe('2 h');
  });

  it('counts time left in whole seconds rounded up, so it says 0 s only when none is left', () => {
    expect(formatTimeLeft(600_000)).toBe('10 min');
    expect(formatTimeLeft(59_001)).toBe('1 min');
    expect(formatTimeLeft(400)).toBe('1 s');
    expect(formatTimeLeft(0)).toBe('0 s');
    expect(formatTimeLeft(-5_000)).toBe('0 s');
  });
});

describe('rates', () => {
  it('says a rate per minute, or per hour or day when a minute would read 0.0', () => {
    expect(formatRate(3.46)).toBe('3.5 a minute');
    expect(formatRate(1234.4, 'tokens')).toBe('1,234 tokens a minute');
    expect(formatRate(0)).toBe('0.0 a minute');
    expect(formatRate(0.5)).toBe('30 an hour');
    expect(formatRate(53 / (7 * 24 * 60), 'runs')).toBe('7.6 runs a day');
  });
});
