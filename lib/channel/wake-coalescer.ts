// Subscribers' wakes, gathered under load. A thousand runs paced by a model wake their subscribers some
// 50,000 times a second, one token each: a read, an encode and a socket write per token. When the
// process's subscribers are woken faster than BUSY_WAKES_PER_SECOND, a wake waits for the next shared
// release (at most COALESCE_MS later), so each subscriber takes the tokens of that time in one read and
// one write. Below that rate a wake is immediate: a single run's first event is not delayed.

/** A wake waits at most this long under load (a token shown 10 ms later is not seen by a person). */
export const COALESCE_MS = 10;
/** Above this many wakes a second (all subscribers of the process), wakes are gathered. */
export const BUSY_WAKES_PER_SECOND = 5_000;
/** The wake rate is measured over windows of this length; the last whole one decides. */
const WINDOW_MS = 100;

export class WakeCoalescer {
  private windowStart = 0;
  private wakesInWindow = 0;
  private busy = false;
  private pending: (() => void)[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly now: () => number = () => performance.now(),
    private readonly busyWakesPerSecond = BUSY_WAKES_PER_SECOND,
  ) {}

  /** Calls `wake` now, or with the next release when the process is busy waking subscribers. */
  wake(wake: () => void): void {
    if (!this.countWake()) {
      wake();
      return;
    }
    this.pending.push(wake);
    this.timer ??= setTimeout(this.release, COALESCE_MS);
  }

  /** Wakes waiting for a release (for tests and metrics). */
  get waiting(): number {
    return this.pending.length;
  }

  /** Counts a wake; says whether wakes are being gathered now. */
  private countWake(): boolean {
    const now = this.now();
    const elapsed = now - this.windowStart;
    if (elapsed >= WINDOW_MS) {
      // A long quiet stretch counts as a slow window: the first wakes after it are immediate.
      this.busy = (this.wakesInWindow * 1000) / elapsed >= this.busyWakesPerSecond;
      this.windowStart = now;
      this.wakesInWindow = 0;
    }
    this.wakesInWindow += 1;
    return this.busy;
  }

  private readonly release = (): void => {
    this.timer = undefined;
    const wakes = this.pending;
    this.pending = [];
    for (const wake of wakes) wake();
  };
}
