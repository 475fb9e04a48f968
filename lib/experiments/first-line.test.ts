import { describe, expect, it } from 'vitest';
import { firstLineOf } from './first-line';

describe('what a batch grid cell shows of an answer', () => {
  it('is the first line, cut to fit', () => {
    expect(firstLineOf('  Your order ships on Monday.\nAnything else?')).toBe('Your order ships on Monday.');
    expect(firstLineOf('x'.repeat(200))).toBe(`${'x'.repeat(159)}…`);
    expect(firstLineOf(undefined)).toBeUndefined();
    expect(firstLineOf('')).toBe('');
  });

  it('brings the line a lead-in introduces, so cells with different answers do not all read the same', () => {
    expect(firstLineOf('From the datasets:\n- "Order 1001: shipped" (Dataset 1)')).toBe(
      'From the datasets: - "Order 1001: shipped" (Dataset 1)',
    );
    expect(firstLineOf('From the datasets:\n\n- "Order 1002: lost" (Dataset 1)\n- more')).toBe(
      'From the datasets: - "Order 1002: lost" (Dataset 1)',
    );
  });
});
