// Waiting for a function's result published on a channel, shared by background runs and /complete.
import type { AppConfig } from '../config';
import type { ChannelEvent } from '../events';
import type { ChannelBus, RunStore } from '../store/types';

export class RunCancelledError extends Error {
  constructor() {
    super('Run cancelled');
  }
}

export interface ChannelWaitDeps {
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
  for (;;) {
    const taken = await store.takeChannelMessage(channel);
    if (taken) {
      await deps.onWaiting?.(false);
      await deps.emit({ type: 'waitForChannelMessageEnd', data: { channelId: channel } });
      return taken.message;
    }
    if (signal.aborted) throw new RunCancelledError();
    const remaining = deadline - Date.now();
    if (remaining <= 0) {
      throw new Error(`Timed out after ${config.CHANNEL_WAIT_TIMEOUT_MS} ms waiting for a message on channel ${channel}`);
    }
    // Re-check the mailbox at least every second: a publish on another process may not notify this one.
    await bus.waitForPublish(channel, Math.min(remaining, 1000), signal);
  }
}
