import { describe, expect, it } from 'vitest';
import { focusIndexAfterRemoval } from './focus-after-removal';

describe('focusIndexAfterRemoval', () => {
  it('lands on the item that took the removed one’s place', () => {
    expect(focusIndexAfterRemoval(1, 3)).toBe(1);
    expect(focusIndexAfterRemoval(0, 1)).toBe(0);
  });

  it('lands on the item before when the last one went', () => {
    expect(focusIndexAfterRemoval(3, 3)).toBe(2);
  });

  it('lands on nothing in the list when none is left (the Add button takes focus)', () => {
    expect(focusIndexAfterRemoval(0, 0)).toBeUndefined();
  });
});
