// In-process notifications for the embedded backend: the writer and every subscriber share one process.
import type { ChannelBus } from './types';

type Waiter = { afterSeq: number; wake: () => void };

/** Forget a channel's last seq after this many channels so the map stays bounded; a waiter still wakes. */
const MAX_TRACKED_CHANNELS = 10_000;

export class MemoryChannelBus implements ChannelBus {
  private readonly lastSeqs = new Map<string, number>();
  private readonly appendWaiters = new Map<string, Set<Waiter>>();
  private readonly publishWaiters = new Map<string, Set<() => void>>();

  notifyAppended(channelId: string, lastSeq: number): void {
    this.lastSeqs.delete(channelId);
    this.lastSeqs.set(channelId, lastSeq);
    if (this.lastSeqs.size > MAX_TRACKED_CHANNELS) {
      this.lastSeqs.delete(this.lastSeqs.keys().next().value as string);
    }
    const waiters = this.appendWaiters.get(channelId);
    if (!waiters) return;
    for (const waiter of waiters) {
      if (lastSeq <= waiter.afterSeq) continue;
      waiters.delete(waiter);
      waiter.wake();
    }
    if (waiters.size === 0 && this.appendWaiters.get(channelId) === waiters)
      this.appendWaiters.delete(channelId);
  }

  waitForAppend(channelId: string, afterSeq: number, signal: AbortSignal, timeoutMs?: number): Promise<void> {
    if ((this.lastSeqs.get(channelId) ?? 0) > afterSeq) return Promise.resolve();
    return this.register(this.appendWaiters, channelId, signal, (wake) => ({ afterSeq, wake }), timeoutMs);
  }

  onAppend(channelId: string, afterSeq: number, wake: () => void): (() => void) | undefined {
    if ((this.lastSeqs.get(channelId) ?? 0) > afterSeq) return undefined;
    const waiters = this.appendWaiters.get(channelId) ?? new Set<Waiter>();
    this.appendWaiters.set(channelId, waiters);
    const entry: Waiter = { afterSeq, wake };
    waiters.add(entry);
    return () => {
      waiters.delete(entry);
      if (waiters.size === 0 && this.appendWaiters.get(channelId) === waiters)
        this.appendWaiters.delete(channelId);
    };
  }

  appendWaiterCount(channelId: string): number {
    return this.appendWaiters.get(channelId)?.size ?? 0;
  }

  notifyPublished(mailbox: string): void {
    for (const wake of this.publishWaiters.get(mailbox) ?? []) wake();
  }

  waitForPublish(mailbox: string, timeoutMs: number, signal: AbortSignal): Promise<void> {
    // A timer of our own, not AbortSignal.timeout(): AbortSignal.any() holds its sources weakly, so an
    // unreferenced timeout signal can be garbage-collected before it fires and the wait never ends
    // (seen as a run "waiting" long past CHANNEL_WAIT_TIMEOUT_MS under GC pressure).
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), timeoutMs);
    return this.register(
      this.publishWaiters,
      mailbox,
      AbortSignal.any([signal, timeout.signal]),
      (wake) => wake,
    ).finally(() => clearTimeout(timer));
  }

  private register<T>(
    registry: Map<string, Set<T>>,
    key: string,
    signal: AbortSignal,
    makeEntry: (wake: () => void) => T,
    timeoutMs?: number,
  ): Promise<void> {
    return new Promise((resolve) => {
      if (signal.aborted) return resolve();
      const waiters = registry.get(key) ?? new Set<T>();
      registry.set(key, waiters);
      // A plain timer rather than a timeout signal combined with `signal`: a subscriber waits once per
      // batch it receives, and combining signals for each wait costs more than the wait itself.
      const timer = timeoutMs === undefined ? undefined : setTimeout(() => wake(), timeoutMs);
      const wake = () => {
        if (timer) clearTimeout(timer);
        waiters.delete(entry);
        if (waiters.size === 0 && registry.get(key) === waiters) registry.delete(key);
        signal.removeEventListener('abort', wake);
        resolve();
      };
      const entry = makeEntry(wake);
      waiters.add(entry);
      signal.addEventListener('abort', wake, { once: true });
    });
  }

  async close(): Promise<void> {
    this.appendWaiters.clear();
    this.publishWaiters.clear();
  }
}
