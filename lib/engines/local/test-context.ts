// A hand-built EngineContext for the engine's unit tests: events land in an array and channel waits are
// answered from a table, announcing themselves the way the executor's real wait does.
import { parseConfig } from '../../config';
import { dispatchRequestSchema, type DispatchRequest } from '../../dispatch/schema';
import type { ChannelEvent } from '../../events';
import type { EngineContext } from '../types';

export interface RecordingContextOptions {
  timezone?: string;
  tokenDelayMs?: number;
  /** What waitForChannelMessage(channel) resolves to; a channel missing here makes the wait throw. */
  channelMessages?: Record<string, unknown>;
  onEmit?: (event: ChannelEvent, events: readonly ChannelEvent[]) => void;
}

export interface RecordingContext {
  ctx: EngineContext;
  events: ChannelEvent[];
  controller: AbortController;
}

export function recordingContext(request: unknown, options: RecordingContextOptions = {}): RecordingContext {
  const events: ChannelEvent[] = [];
  const controller = new AbortController();
  const parsed: DispatchRequest = dispatchRequestSchema.parse(request);
  const emit = (event: ChannelEvent) => {
    events.push(event);
    options.onEmit?.(event, events);
  };
  const ctx: EngineContext = {
    request: parsed,
    timezone: options.timezone ?? 'UTC',
    signal: controller.signal,
    config: parseConfig({ LOCAL_TOKEN_DELAY_MS: String(options.tokenDelayMs ?? 0) }),
    emit,
    async waitForChannelMessage(channel, call) {
      emit({
        type: 'waitForChannelMessageBegin',
        data: call ? { channelId: channel, function: call } : { channelId: channel },
      });
      if (!options.channelMessages || !Object.hasOwn(options.channelMessages, channel)) {
        throw new Error(`No message published on ${channel}`);
      }
      emit({ type: 'waitForChannelMessageEnd', data: { channelId: channel } });
      return options.channelMessages[channel];
    },
  };
  return { ctx, events, controller };
}

export const userMessage = (text: string) => ({ type: 'user' as const, text });

export function tokensOf(events: readonly ChannelEvent[]): string[] {
  return events.flatMap((event) => (event.type === 'token' ? [event.data.token] : []));
}

export type EventOfType<T extends ChannelEvent['type']> = Extract<ChannelEvent, { type: T }>;

export function eventsOfType<T extends ChannelEvent['type']>(
  events: readonly ChannelEvent[],
  type: T,
): EventOfType<T>[] {
  return events.filter((event): event is EventOfType<T> => event.type === type);
}

/** The data of every `message` event of the given message type (activity, bot, …). */
export function messagesOfType(events: readonly ChannelEvent[], messageType: string) {
  return eventsOfType(events, 'message')
    .map((event) => event.data)
    .filter((data) => data.type === messageType);
}
