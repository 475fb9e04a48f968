import { describe, expect, it } from 'vitest';
import { FairSlots, slotLimits } from './fair-slots';

/** Work that runs until released, recording the order it started in. */
function harness(limits: { maxConcurrent: number; maxPerOwner: number }) {
  const slots = new FairSlots(limits);
  const started: string[] = [];
  const releases = new Map<string, () => void>();
  const add = (owner: string, id: string) =>
    slots.add({
      id,
      owner,
      run: () =>
        new Promise<void>((resolve) => {
          started.push(id);
          releases.set(id, resolve);
        }),
    });
  const finish = async (id: string) => {
    releases.get(id)?.();
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { slots, started, add, finish };
}

describe('FairSlots', () => {
  it('never lets one owner hold more than its cap, so another owner finds a slot', () => {
    const { slots, started, add } = harness({ maxConcurrent: 8, maxPerOwner: 4 });
    for (let index = 0; index < 8; index += 1) add('a', `a${index}`);
    expect(started).toEqual(['a0', 'a1', 'a2', 'a3']);
    add('b', 'b0');
    expect(started.at(-1)).toBe('b0');
    expect(slots.queued).toBe(4);
  });

  it('takes waiting work round-robin between owners, whoever queued first', async () => {
    const { started, add, finish } = harness({ maxConcurrent: 1, maxPerOwner: 1 });
    add('a', 'a0');
    for (let index = 1; index < 4; index += 1) add('a', `a${index}`);
    add('b', 'b0');
    add('b', 'b1');
    add('c', 'c0');
    for (const id of ['a0', 'a1', 'b0', 'c0', 'a2', 'b1']) await finish(id);
    expect(started).toEqual(['a0', 'a1', 'b0', 'c0', 'a2', 'b1', 'a3']);
  });

  it('gives an inline caller a slot in turn, and takes it out of the queue when its caller goes away', async () => {
    const { slots, started, add, finish } = harness({ maxConcurrent: 1, maxPerOwner: 1 });
    add('a', 'a0');
    const gone = new AbortController();
    const abandoned = slots.acquire('b', gone.signal);
    const waiting = slots.acquire('c', new AbortController().signal);
    expect(slots.queued).toBe(2);
    gone.abort();
    await expect(abandoned).rejects.toBeDefined();
    expect(slots.queued).toBe(1);
    await finish('a0');
    const release = await waiting;
    expect(slots.active).toBe(1);
    add('a', 'a1');
    expect(started).toEqual(['a0']);
    release();
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual(['a0', 'a1']);
  });

  it('caps owners at half the slots by default only when several secrets share the server', () => {
    const base = { MAX_CONCURRENT_RUNS: 8, MAX_RUNS_PER_OWNER: undefined };
    expect(slotLimits({ ...base, API_SECRET: undefined }).maxPerOwner).toBe(8);
    expect(slotLimits({ ...base, API_SECRET: 'one-secret' }).maxPerOwner).toBe(8);
    expect(slotLimits({ ...base, API_SECRET: 'one-secret,two-secret' }).maxPerOwner).toBe(4);
    expect(slotLimits({ ...base, MAX_RUNS_PER_OWNER: 2, API_SECRET: undefined }).maxPerOwner).toBe(2);
    expect(slotLimits({ ...base, MAX_RUNS_PER_OWNER: 20, API_SECRET: 'a,b' }).maxPerOwner).toBe(8);
  });
});
