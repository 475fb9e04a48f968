// Waiting for a function's result published on a channel, shared by background runs and /complete.
import type { AppConfig } from '../config';
import type { ChannelEvent } from '../events';
import type { ChannelBus, RunStore } from '../store/types';

export class RunCancelledError extends Error {
  constructor() {
    super('Run cancelled');
  }
}

/**
 * Published messages are kept per owner: a publish reaches only runs of the same owner (the same API
 * secret), so one tenant can neither answer nor steal another tenant's function results.
 */
export const mailboxOf = (owner: string, channel: string) => `${owner}:${channel}`;

export interface ChannelWaitDeps {
  /** The owner of the run that waits; only its own publishes wake it. */
  owner: string;
  store: RunStore;
  bus: ChannelBus;
  config: AppConfig;
  signal: AbortSignal;
  emit: (event: ChannelEvent) => void | Promise<void>;
  /** Called after the begin event and before the end event (e.g. to store the waiting status). */
  onWaiting?: (waiting: boolean) => Promise<void>;
}

export async function waitForChannelMessage(channel: string, deps: ChannelWaitDeps): Promise<unknown> {
  const { store, bus, config, signal } = deps;
  await deps.emit({ type: 'waitForChannelMessageBegin', data: { channelId: channel } });
  await deps.onWaiting?.(true);
  const deadline = Date.now() + config.CHANNEL_WAIT_TIMEOUT_MS;
  const mailbox = mailboxOf(deps.owner, channel);
  for (;;) {
    const taken = await store.takeMailboxMessage(mailbox);
    if (taken) {
      await deps.onWaiting?.(false);
      await deps.emit({ type: 'waitForChannelMessageEnd', data: { channelId: channel } });
      return taken.message;
    }
    if (signal.aborted) throw new RunCancelledError();
    const remaining = deadline - Date.now();
    if (remaining <= 0) {
      throw new Error(
        `Timed out after ${config.CHANNEL_WAIT_TIMEOUT_MS} ms waiting for a message on channel ${channel}`,
      );
    }
    // Re-check the mailbox at least every second: a publish on another process may not notify this one.
    await bus.waitForPublish(mailbox, Math.min(remaining, 1000), signal);
  }
}
