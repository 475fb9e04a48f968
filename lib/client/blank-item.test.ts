import { describe, expect, it } from 'vitest';
import { isBlankItem } from './blank-item';
import { emptyFunction } from './builder-form';

describe('an item that holds nothing worth an Undo', () => {
  it('is one as "Add" made it, or emptied again (spaces count as empty)', () => {
    expect(isBlankItem(emptyFunction(), emptyFunction())).toBe(true);
    expect(isBlankItem({ ...emptyFunction(), name: '  ' }, emptyFunction())).toBe(true);
    expect(isBlankItem({ url: '' }, { url: '' })).toBe(true);
  });

  it('is not one with any text, setting or nested item of its own', () => {
    expect(isBlankItem({ ...emptyFunction(), name: 'get_order_status' }, emptyFunction())).toBe(false);
    expect(isBlankItem({ ...emptyFunction(), call: { start: true, end: false } }, emptyFunction())).toBe(false);
    expect(isBlankItem({ name: '', description: '', records: [{ text: '', meta: '' }] }, { name: '', description: '', records: [] })).toBe(false);
    expect(isBlankItem({ type: 'bot', text: '', meta: '' }, { type: 'user', text: '', meta: '' })).toBe(false);
  });
});
