// Channel notifications across processes: local waiters are kept by an in-process bus; Redis pub/sub
// carries "channel X has events up to seq N" (published by the script storing each batch,
// appended-message.ts) and "mailbox Y got a message" between processes.
import { offerStoredJson } from '../../channel/shared-chunks';
import { MemoryChannelBus } from '../../store/memory-bus';
import type { ChannelBus } from '../../store/types';
import { parseAppendedMessage, type AppendedNotice } from './appended-message';
import type { RedisKeys } from './keys';
import type { RedisRunStore } from './store';
import { logNotifyError, type RedisNotifier } from './notifier';

export class RedisChannelBus implements ChannelBus {
  private readonly local = new MemoryChannelBus();

  constructor(
    private readonly notifier: RedisNotifier,
    private readonly keys: RedisKeys,
    /** The store whose subscribers (shared-chunks.ts) take a carried batch before they wake. */
    private readonly store: RedisRunStore,
  ) {
    notifier.on(keys.appendedTopic, (message) => {
      for (const notice of parseAppendedMessage(message)) this.heardAppended(notice);
    });
    notifier.on(keys.publishedTopic, (mailbox) => this.local.notifyPublished(mailbox));
  }

  private heardAppended({ channelId, lastSeq, events }: AppendedNotice): void {
    if (this.store.isAppending(channelId)) return;
    // Split only when kept (shared-chunks.ts): with thousands of runs, most batches have no subscriber
    // in this process waiting for them or reading close behind.
    const waiting = this.local.appendWaiterCount(channelId) > 0;
    offerStoredJson(this.store, channelId, { lastSeq, waiting, carried: events });
    this.local.notifyAppended(channelId, lastSeq);
  }

  /** Local waiters only: other processes hear of the append from the script that stored it (APPEND_EVENTS). */
  notifyAppended(channelId: string, lastSeq: number): void {
    this.local.notifyAppended(channelId, lastSeq);
  }

  waitForAppend(channelId: string, afterSeq: number, signal: AbortSignal, timeoutMs?: number): Promise<void> {
    return this.local.waitForAppend(channelId, afterSeq, signal, timeoutMs);
  }

  onAppend(channelId: string, afterSeq: number, wake: () => void): (() => void) | undefined {
    return this.local.onAppend(channelId, afterSeq, wake);
  }

  appendWaiterCount(channelId: string): number {
    return this.local.appendWaiterCount(channelId);
  }

  notifyPublished(mailbox: string): void {
    this.local.notifyPublished(mailbox);
    void this.notifier.publish(this.keys.publishedTopic, mailbox).catch(logNotifyError);
  }

  waitForPublish(mailbox: string, timeoutMs: number, signal: AbortSignal): Promise<void> {
    return this.local.waitForPublish(mailbox, timeoutMs, signal);
  }

  async close(): Promise<void> {
    await this.local.close();
  }
}
