import { describe, expect, it } from 'vitest';
import { FairSlots, slotLimits, type LendableSlot } from './fair-slots';

/** Work that runs until released, recording the order it started in. */
function harness(limits: { maxConcurrent: number; maxPerOwner: number }) {
  const slots = new FairSlots(limits);
  const started: string[] = [];
  const releases = new Map<string, () => void>();
  const lendable = new Map<string, LendableSlot>();
  const add = (owner: string, id: string) =>
    slots.add({
      id,
      owner,
      run: (_signal, slot) =>
        new Promise<void>((resolve) => {
          started.push(id);
          releases.set(id, resolve);
          lendable.set(id, slot);
        }),
    });
  const finish = async (id: string) => {
    releases.get(id)?.();
    await new Promise((resolve) => setImmediate(resolve));
  };
  /** The work's slot (it has started). */
  const slotOf = (id: string) => lendable.get(id) as LendableSlot;
  return { slots, started, add, finish, slotOf };
}

/** Whether the promise has settled by the next turn of the event loop. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  void promise.then(() => (done = true));
  await new Promise((resolve) => setImmediate(resolve));
  return done;
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

  describe('work that waits for an answer', () => {
    it('lends its slot, so queued work starts meanwhile', () => {
      const { slots, started, add, slotOf } = harness({ maxConcurrent: 1, maxPerOwner: 1 });
      add('a', 'waiting');
      add('a', 'queued');
      expect(started).toEqual(['waiting']);
      slotOf('waiting').lend();
      expect(started).toEqual(['waiting', 'queued']);
      expect(slots.inUse).toBe(1);
      expect(slots.active).toBe(2);
    });

    it('takes the next free slot back before any queued work starts', async () => {
      const { started, add, finish, slotOf } = harness({ maxConcurrent: 1, maxPerOwner: 1 });
      add('a', 'waiting');
      slotOf('waiting').lend();
      add('a', 'borrower');
      add('a', 'queued');
      const back = slotOf('waiting').takeBack();
      expect(await settled(back)).toBe(false);
      await finish('borrower');
      expect(await settled(back)).toBe(true);
      expect(started).toEqual(['waiting', 'borrower']);
      await finish('waiting');
      expect(started).toEqual(['waiting', 'borrower', 'queued']);
    });

    it('has its slot at once when it never lent it', async () => {
      const { add, slotOf } = harness({ maxConcurrent: 1, maxPerOwner: 1 });
      add('a', 'running');
      expect(await settled(slotOf('running').takeBack())).toBe(true);
    });

    it('frees no slot a second time when it ends while its slot is lent', async () => {
      const { slots, started, add, finish, slotOf } = harness({ maxConcurrent: 1, maxPerOwner: 1 });
      add('a', 'timed-out');
      slotOf('timed-out').lend();
      add('a', 'borrower');
      add('a', 'queued');
      await finish('timed-out');
      expect(started).toEqual(['timed-out', 'borrower']);
      expect(slots.inUse).toBe(1);
      await finish('borrower');
      expect(started.at(-1)).toBe('queued');
    });

    it('stops waiting for its slot when it is cancelled', async () => {
      const { slots, add, slotOf } = harness({ maxConcurrent: 1, maxPerOwner: 1 });
      add('a', 'waiting');
      slotOf('waiting').lend();
      add('a', 'borrower');
      const back = slotOf('waiting').takeBack();
      slots.abortRunning('waiting');
      expect(await settled(back)).toBe(true);
      expect(slots.inUse).toBe(1);
    });

    it('keeps its slot once as many slots are lent as there are slots', () => {
      const { started, add, slotOf } = harness({ maxConcurrent: 1, maxPerOwner: 1 });
      add('a', 'first');
      slotOf('first').lend();
      add('b', 'second');
      add('c', 'queued');
      slotOf('second').lend();
      expect(started).toEqual(['first', 'second']);
    });

    it('keeps its slot once its owner lent as many as its cap', () => {
      const { started, add, slotOf } = harness({ maxConcurrent: 4, maxPerOwner: 1 });
      add('a', 'a0');
      slotOf('a0').lend();
      add('a', 'a1');
      add('a', 'a2');
      slotOf('a1').lend();
      expect(started).toEqual(['a0', 'a1']);
    });

    it('counts against its owner cap only while it holds a slot', () => {
      const { started, add, slotOf } = harness({ maxConcurrent: 4, maxPerOwner: 1 });
      add('a', 'a-waiting');
      add('a', 'a-queued');
      expect(started).toEqual(['a-waiting']);
      slotOf('a-waiting').lend();
      expect(started).toEqual(['a-waiting', 'a-queued']);
    });
  });
});
