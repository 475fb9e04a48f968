import { describe, expect, it } from 'vitest';
import { humanLabel } from '../../human-label';
import { describeFunctionResult } from './result-text';

describe('function results in the reply', () => {
  it.each([
    ['a string as a quoted sentence', 'shipped', 'Get order status answered: “shipped”'],
    ['a number as a sentence', 12, 'Get order status answered: 12.'],
    ['a boolean in words', true, 'Get order status answered: yes.'],
    ['an empty object', {}, 'Get order status answered with nothing to report.'],
    [
      'a flat object as a table with human labels',
      { orderId: 'A-17', ship_date: '2026-03-02', express: false, note: null },
      'Get order status answered:\n\n| Field | Value |\n| --- | --- |\n| Order ID | A-17 |\n| Ship date | 2026-03-02 |\n| Express | no |\n| Note | — |',
    ],
    [
      'a nested object as a short JSON quote',
      { order: { id: 1 } },
      'Get order status answered: `{"order":{"id":1}}`',
    ],
  ])('tells %s', (_label, result, expected) => {
    expect(describeFunctionResult('getOrderStatus', result, 300)).toBe(expected);
  });

  it('keeps table cells in their cell: pipes and newlines in values cannot add columns or rows', () => {
    const text = describeFunctionResult('f', { note: 'a | b\n| c | d |' }, 300);
    expect(text.split('\n')).toHaveLength(5);
    expect(text.split('\n').at(-1)).toBe('| Note | a \\| b \\| c \\| d \\| |');
  });

  it('tells a function with no result in words, not as an error quoted in a table', () => {
    const result = { error: 'Function loadCustomer has no result configured' };
    expect(describeFunctionResult('loadCustomer', result, 300)).toBe('Load customer has no result set up, so it had nothing to tell.');
    // A result that only looks alike (another function's, or with more fields) is shown as it is.
    expect(describeFunctionResult('other', result, 300)).toContain('| Error |');
    expect(describeFunctionResult('loadCustomer', { ...result, code: 1 }, 300)).toContain('| Error |');
  });

  it('labels fields as people say them', () => {
    expect(humanLabel('customerEmailAddress')).toBe('Customer email address');
    expect(humanLabel('order_id')).toBe('Order ID');
    // Abbreviations in capitals, however the name wrote them; a word that only holds one stays as it is.
    expect(humanLabel('eta')).toBe('ETA');
    expect(humanLabel('trackingUrl')).toBe('Tracking URL');
    expect(humanLabel('userID')).toBe('User ID');
    expect(humanLabel('identity')).toBe('Identity');
  });
});
