import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it, vi } from 'vitest';
import { MAX_SLOTS, TurnShare } from './turn-share';

/** Holds the thread for `ms`, as a request's synchronous work does. */
function busy(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

/** Counts loop turns: a timer callback runs once per turn's timers phase. */
function countTurns(): { readonly turns: number; stop: () => void } {
  let turns = 0;
  let stopped = false;
  const tick = () => {
    if (stopped) return;
    turns += 1;
    setTimeout(tick, 0);
  };
  setTimeout(tick, 0);
  return {
    get turns() {
      return turns;
    },
    stop: () => (stopped = true),
  };
}

describe('TurnShare', () => {
  it('runs a task at once when nothing waits and the turn has time left', () => {
    const share = new TurnShare(8);
    const ran: number[] = [];
    share.run(() => ran.push(1));
    share.run(() => ran.push(2));
    expect(ran).toEqual([1, 2]);
    expect(share.waitingCount).toBe(0);
  });

  it('spreads a burst over turns, in arrival order, counting the work each task started after its first step', async () => {
    const share = new TurnShare(8);
    const turns = countTurns();
    const started: { task: number; turn: number }[] = [];
    const finished: number[] = [];
    for (let task = 0; task < 40; task++) {
      share.run(() => {
        started.push({ task, turn: turns.turns });
        busy(1);
        // The rest of the task's work, in a promise job as a request's is: it counts towards the share.
        void Promise.resolve().then(() => {
          busy(1);
          finished.push(task);
        });
      });
    }
    // The burst arrived in one callback (whose promise jobs run after it): about a share of first steps
    // started at once, the rest waits.
    const startedAtOnce = started.length;
    expect(startedAtOnce).toBeLessThanOrEqual(9);
    expect(share.waitingCount).toBe(40 - startedAtOnce);

    while (finished.length < 40) await sleep(5);
    turns.stop();

    expect(started.map((entry) => entry.task)).toEqual([...Array(40).keys()]);
    expect(finished).toEqual([...Array(40).keys()]);
    // Waiting tasks take 2 ms each with their promise jobs: a turn's 8 ms share starts at most 4 (5 if
    // one is started just before the share ends), and the burst's rest takes several turns.
    const perTurn = new Map<number, number>();
    for (const { turn } of started.slice(startedAtOnce)) perTurn.set(turn, (perTurn.get(turn) ?? 0) + 1);
    expect(Math.max(...perTurn.values())).toBeLessThanOrEqual(5);
    expect(perTurn.size).toBeGreaterThanOrEqual(4);
  });

  it('lets a timer due during a burst run before the burst is done', async () => {
    const share = new TurnShare(8);
    let doneBeforeTimer = -1;
    let done = 0;
    const timerRan = new Promise<void>((resolve) =>
      setTimeout(() => {
        doneBeforeTimer = done;
        resolve();
      }, 0),
    );
    for (let task = 0; task < 50; task++)
      share.run(() => {
        busy(1);
        done += 1;
      });
    await timerRan;
    while (done < 50) await sleep(5);
    expect(doneBeforeTimer).toBeGreaterThan(0);
    expect(doneBeforeTimer).toBeLessThan(50);
  });

  it('schedules a bounded number of check-phase slots however many tasks wait, and still starts them all in order', async () => {
    const share = new TurnShare(8);
    const immediates = vi.spyOn(globalThis, 'setImmediate');
    const tasks = 3_000;
    const started: number[] = [];
    try {
      for (let task = 0; task < tasks; task++)
        share.run(() => {
          busy(0.1);
          started.push(task);
        });
      expect(immediates.mock.calls.length).toBeLessThanOrEqual(MAX_SLOTS + 1);
      while (started.length < tasks) await sleep(5);
    } finally {
      immediates.mockRestore();
    }
    expect(started).toEqual([...Array(tasks).keys()]);
    // About 80 tasks start per turn, so the burst takes about 40 turns. A slot per waiting task, each
    // moving to the next turn while the share is used up, made about 60,000 immediates; bounded slots
    // make one per task plus the parked slots' moves (under MAX_SLOTS per turn).
    expect(immediates.mock.calls.length).toBeLessThan(tasks * 4);
  });
});
