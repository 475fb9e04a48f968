// One subscriber connection per process for every notification (appends, publishes, cancels), however
// many channels are subscribed: messages carry ids (and an append's small batch, appended-message.ts);
// readers then read the store for anything they were not handed.
import type { Redis } from 'ioredis';
import { getLogger } from '../../ops/logger';

type Handler = (message: string) => void;

export class RedisNotifier {
  private readonly handlers = new Map<string, Set<Handler>>();
  private readonly ready: Promise<unknown>;

  constructor(
    private readonly subscriber: Redis,
    private readonly publisher: Redis,
    topics: string[],
  ) {
    this.ready = subscriber.subscribe(...topics);
    subscriber.on('message', (topic: string, message: string) => {
      for (const handler of this.handlers.get(topic) ?? []) handler(message);
    });
  }

  /** Resolves once the subscription is active, so nothing published afterwards is missed. */
  whenReady(): Promise<unknown> {
    return this.ready;
  }

  on(topic: string, handler: Handler): void {
    const handlers = this.handlers.get(topic) ?? new Set<Handler>();
    handlers.add(handler);
    this.handlers.set(topic, handlers);
  }

  publish(topic: string, message: string): Promise<unknown> {
    return this.publisher.publish(topic, message);
  }

  async close(): Promise<void> {
    this.handlers.clear();
    await this.subscriber.quit().catch(() => undefined);
  }
}

/** A lost notification only delays readers until their periodic re-check; it loses nothing. */
export const logNotifyError = (error: unknown) =>
  getLogger().warn({ err: error }, 'Redis notification failed');
