import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { COALESCE_MS, WakeCoalescer } from './wake-coalescer';

describe('WakeCoalescer', () => {
  let clock = 0;
  beforeEach(() => {
    vi.useFakeTimers();
    clock = 0;
  });
  afterEach(() => vi.useRealTimers());

  /** A coalescer that counts as busy from 10 wakes a second, on a clock the test moves. */
  const coalescer = () => new WakeCoalescer(() => clock, 10);

  it('wakes at once while the process is quiet', () => {
    const wakes = coalescer();
    const woken: number[] = [];
    wakes.wake(() => woken.push(1));
    clock = 50;
    wakes.wake(() => woken.push(2));
    expect(woken).toEqual([1, 2]);
    expect(wakes.waiting).toBe(0);
  });

  it('gathers wakes once a whole window was busy, and releases them together within COALESCE_MS', () => {
    const wakes = coalescer();
    const woken: number[] = [];
    // 5 wakes in the first 100 ms window: 50 a second, above 10.
    for (let index = 0; index < 5; index += 1) wakes.wake(() => woken.push(index));
    expect(woken).toHaveLength(5);
    clock = 100;
    wakes.wake(() => woken.push(5));
    wakes.wake(() => woken.push(6));
    expect(woken).toHaveLength(5);
    expect(wakes.waiting).toBe(2);
    vi.advanceTimersByTime(COALESCE_MS);
    expect(woken).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(wakes.waiting).toBe(0);
  });

  it('wakes at once again after a quiet stretch', () => {
    const wakes = coalescer();
    for (let index = 0; index < 5; index += 1) wakes.wake(() => undefined);
    clock = 100;
    wakes.wake(() => undefined);
    expect(wakes.waiting).toBe(1);
    vi.advanceTimersByTime(COALESCE_MS);
    // One wake in the 10 s since: far below 10 a second.
    clock = 10_100;
    let woken = false;
    wakes.wake(() => (woken = true));
    expect(woken).toBe(true);
  });
});
