// Waiting for a function's result published on a channel, shared by background runs and /complete.
import type { AppConfig } from '../config';
import type { ChannelEvent, WaitingCall } from '../events';
import type { ChannelBus, RunStore } from '../store/types';
import { mailboxOf, takeFor } from './mailbox';

/** The wait limit as people say it: "10 min", "1.5 s". */
const waitLimitText = (ms: number) => (ms >= 60_000 && ms % 60_000 === 0 ? `${ms / 60_000} min` : `${ms / 1000} s`);

export class RunCancelledError extends Error {
  constructor() {
    super('Run cancelled');
  }
}

export interface ChannelWaitDeps {
  /** The owner of the run that waits; only its own publishes wake it. */
  owner: string;
  /** Who waits: a run's channel id (answers given in its page go to it alone), or a one-off id. */
  waiter: string;
  store: RunStore;
  bus: ChannelBus;
  config: AppConfig;
  signal: AbortSignal;
  emit: (event: ChannelEvent) => void | Promise<void>;
  /**
   * Called after the begin event and before the end event (e.g. to store the waiting status); while it
   * waits, with when the wait ends if no answer comes.
   */
  onWaiting?: (waiting: boolean, answerDueAt?: number) => Promise<void>;
}

/** How long a waiter's claim on a mailbox lasts without renewal (its process may have died). */
const LEASE_MS = 30_000;

export async function waitForChannelMessage(
  channel: string,
  deps: ChannelWaitDeps,
  call?: WaitingCall,
): Promise<unknown> {
  const { store, bus, config, signal, owner, waiter } = deps;
  const mailbox = mailboxOf(owner, channel);
  // Held before the begin event: anyone who sees the run waiting and publishes reaches it.
  let leaseUntil = Date.now() + LEASE_MS;
  await store.holdMailboxWaiter(mailbox, waiter, leaseUntil);
  try {
    await deps.emit({
      type: 'waitForChannelMessageBegin',
      data: call ? { channelId: channel, function: call } : { channelId: channel },
    });
    const deadline = Date.now() + config.CHANNEL_WAIT_TIMEOUT_MS;
    await deps.onWaiting?.(true, deadline);
    for (;;) {
      const taken = await takeFor(store, owner, channel, waiter);
      if (taken) {
        await store.releaseMailboxWaiter(mailbox, waiter);
        await deps.onWaiting?.(false);
        await deps.emit({ type: 'waitForChannelMessageEnd', data: { channelId: channel } });
        return taken.message;
      }
      if (signal.aborted) throw new RunCancelledError();
      const remaining = deadline - Date.now();
      if (remaining <= 0) {
        throw new Error(
          `No answer came on channel ${channel} within ${waitLimitText(config.CHANNEL_WAIT_TIMEOUT_MS)}, the longest a run waits here (CHANNEL_WAIT_TIMEOUT_MS)`,
        );
      }
      if (leaseUntil - Date.now() < LEASE_MS / 2) {
        leaseUntil = Date.now() + LEASE_MS;
        await store.holdMailboxWaiter(mailbox, waiter, leaseUntil);
      }
      // Re-check the mailbox at least every second: a publish on another process may not notify this one.
      await bus.waitForPublish(mailbox, Math.min(remaining, 1000), signal);
    }
  } finally {
    await store.releaseMailboxWaiter(mailbox, waiter).catch(() => undefined);
  }
}
