import { describe, expect, it } from 'vitest';
import { roundScale } from './chart-scale';

describe('the overview charts’ y scale', () => {
  it('ends at a labelled round number at or above the highest value', () => {
    expect(roundScale(37)).toEqual({ top: 40, step: 10, ticks: [0, 10, 20, 30, 40] });
    expect(roundScale(1234)).toEqual({ top: 1500, step: 500, ticks: [0, 500, 1000, 1500] });
    expect(roundScale(3)).toEqual({ top: 3, step: 1, ticks: [0, 1, 2, 3] });
  });

  it('labels the top of a spike, whatever its height', () => {
    for (const highest of [1, 2, 7, 9, 11, 19, 50, 99, 101, 999, 1001, 12_345, 987_654]) {
      const { top, ticks } = roundScale(highest);
      expect(top).toBeGreaterThanOrEqual(highest);
      expect(ticks.at(-1)).toBe(top);
      expect(ticks.length).toBeGreaterThanOrEqual(2);
      expect(ticks.length).toBeLessThanOrEqual(8);
      expect(ticks.every(Number.isInteger)).toBe(true);
    }
  });

  it('shows an empty chart from 0 to 1', () => {
    expect(roundScale(0)).toEqual({ top: 1, step: 1, ticks: [0, 1] });
  });
});
