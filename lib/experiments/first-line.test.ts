import { describe, expect, it } from 'vitest';
import { answerOpeningOf, firstLineOf } from './first-line';

describe('what a batch grid cell shows of an input', () => {
  it('is the first line, cut to fit, shown as written', () => {
    expect(firstLineOf('  Your order ships on Monday.\nAnything else?')).toBe('Your order ships on Monday.');
    expect(firstLineOf('x'.repeat(200))).toBe(`${'x'.repeat(159)}…`);
    expect(firstLineOf(undefined)).toBeUndefined();
    expect(firstLineOf('')).toBe('');
    // An input is not Markdown.
    expect(firstLineOf('- as typed')).toBe('- as typed');
  });

  it('brings the line a lead-in introduces, so inputs that differ do not all read the same', () => {
    expect(firstLineOf('Orders:\n\n- 1001\n- 1002')).toBe('Orders: - 1001');
  });
});

describe('what a batch grid cell shows of an answer', () => {
  it('is its opening: its lines run together, cut to fit', () => {
    expect(answerOpeningOf('  Your order ships on Monday.\nAnything else?')).toBe(
      'Your order ships on Monday. Anything else?',
    );
    expect(answerOpeningOf(`${'x'.repeat(100)}\n${'y'.repeat(100)}`)).toBe(
      `${'x'.repeat(100)} ${'y'.repeat(58)}…`,
    );
    expect(answerOpeningOf(undefined)).toBeUndefined();
    expect(answerOpeningOf('')).toBe('');
  });

  it('goes past an opening line every answer shares, so cells with different answers do not all read the same', () => {
    const opening = 'Following the backstory: "You are formal."';
    expect(answerOpeningOf(`${opening}\n\nOrder 1001 was shipped.`)).not.toBe(
      answerOpeningOf(`${opening}\n\nOrder 1002 is lost.`),
    );
    expect(answerOpeningOf('From the datasets:\n\n- "Order 1002: lost" (Dataset 1)')).toBe(
      'From the datasets: "Order 1002: lost" (Dataset 1)',
    );
  });

  it("shows an answer's words without its Markdown marks", () => {
    expect(answerOpeningOf('From the datasets:\n- "Order 18: **shipped**" ([Dataset 1](http://x))')).toBe(
      'From the datasets: "Order 18: shipped" (Dataset 1)',
    );
    expect(answerOpeningOf('## Your order\nships')).toBe('Your order ships');
    expect(answerOpeningOf('1. Use `reset` then *log in* again')).toBe('Use reset then log in again');
    expect(answerOpeningOf('> quoted')).toBe('quoted');
    // A word with an underscore or a lone star stays as it is.
    expect(answerOpeningOf('Call get_order_status, 5 * 3 = 15')).toBe('Call get_order_status, 5 * 3 = 15');
  });
});
