// Channel notifications across processes: local waiters are kept by an in-process bus; Redis pub/sub
// carries "channel X has events up to seq N" and "mailbox Y got a message" between processes.
import { MemoryChannelBus } from '../../store/memory-bus';
import type { ChannelBus } from '../../store/types';
import type { RedisKeys } from './keys';
import type { RedisNotifier } from './notifier';
import { getLogger } from '../../ops/logger';

export class RedisChannelBus implements ChannelBus {
  private readonly local = new MemoryChannelBus();

  constructor(
    private readonly notifier: RedisNotifier,
    private readonly keys: RedisKeys,
  ) {
    notifier.on(keys.appendedTopic, (message) => {
      const space = message.indexOf(' ');
      this.local.notifyAppended(message.slice(space + 1), Number(message.slice(0, space)));
    });
    notifier.on(keys.publishedTopic, (mailbox) => this.local.notifyPublished(mailbox));
  }

  notifyAppended(channelId: string, lastSeq: number): void {
    this.local.notifyAppended(channelId, lastSeq);
    void this.notifier.publish(this.keys.appendedTopic, `${lastSeq} ${channelId}`).catch(logNotifyError);
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

/** A lost notification only delays readers until their periodic re-check; it loses nothing. */
const logNotifyError = (error: unknown) => getLogger().warn({ err: error }, 'Redis notification failed');
