import { describe, expect, it } from 'vitest';
import { mapAtMost } from './map-at-most';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('mapAtMost', () => {
  it('keeps the order of the items whatever order they end in, with at most the limit under way', async () => {
    let underWay = 0;
    let most = 0;
    const results = await mapAtMost([30, 5, 20, 1, 10, 2, 15], 3, async (ms) => {
      most = Math.max(most, ++underWay);
      await tick(ms);
      underWay -= 1;
      return ms * 2;
    });
    expect(results).toEqual([60, 10, 40, 2, 20, 4, 30]);
    expect(most).toBe(3);
  });

  it('answers an empty list at once, and a limit above the items starts each once', async () => {
    expect(await mapAtMost([], 8, async () => 1)).toEqual([]);
    const seen: number[] = [];
    await mapAtMost([1, 2], 8, async (item) => seen.push(item));
    expect(seen.sort()).toEqual([1, 2]);
  });

  it('fails as its first failure does', async () => {
    await expect(
      mapAtMost([1, 2, 3], 2, async (item) => {
        if (item === 2) throw new Error('two');
        return item;
      }),
    ).rejects.toThrow('two');
  });
});
