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

  it('shows an answer\'s words without its Markdown marks', () => {
    expect(firstLineOf('From the datasets:\n- "Order 18: **shipped**" ([Dataset 1](http://x))', { markdown: true })).toBe(
      'From the datasets: "Order 18: shipped" (Dataset 1)',
    );
    expect(firstLineOf('## Your order\nships', { markdown: true })).toBe('Your order');
    expect(firstLineOf('1. Use `reset` then *log in* again', { markdown: true })).toBe('Use reset then log in again');
    expect(firstLineOf('> quoted', { markdown: true })).toBe('quoted');
    // A word with an underscore or a lone star stays as it is.
    expect(firstLineOf('Call get_order_status, 5 * 3 = 15', { markdown: true })).toBe('Call get_order_status, 5 * 3 = 15');
    // An input is not Markdown: it is shown as written.
    expect(firstLineOf('- as typed')).toBe('- as typed');
  });
});
