// Completion events, named exactly as ChatBotKit's complete stream names them (README, "The API").
import type { MessageType } from './dispatch/schema';

/** The function call a run is waiting to answer. */
export interface WaitingCall {
  name: string;
  arguments: unknown;
}

export type EndReason = 'length' | 'stop' | 'activity' | 'abort' | 'error' | 'iteration';

export type ChannelEvent =
  | { type: 'completeBegin'; data: Record<string, unknown> }
  | { type: 'token'; data: { token: string } }
  | { type: 'reasoningToken'; data: { token: string } }
  | { type: 'message'; data: { type: MessageType; text: string; meta?: Record<string, unknown> } }
  // `function` (our addition) names the call that waits, so a viewer sees it before the answer.
  | { type: 'waitForChannelMessageBegin'; data: { channelId: string; function?: WaitingCall } }
  | { type: 'waitForChannelMessageEnd'; data: { channelId: string } }
  | { type: 'usage'; data: { model: string; inputTokensUsed: number; outputTokensUsed: number } }
  | { type: 'result'; data: { text: string; usage: { token: number }; end: { reason: EndReason } } }
  | { type: 'error'; data: { message: string } }
  | { type: 'abort'; data: { reason?: string } }
  | { type: 'completeEnd'; data: Record<string, unknown> };

export type ChannelEventType = ChannelEvent['type'];

/** An event as stored in a channel: its position (1, 2, 3 … without gaps) and when it was stored. */
export interface StoredEvent {
  seq: number;
  at: number;
  event: ChannelEvent;
  /**
   * The event's JSON text exactly as stored, when the store made it while appending: live subscribers
   * are fed from it (lib/channel/shared-chunks.ts) without stringifying the event a second time.
   */
  json?: string;
}

/** An event as the store keeps it: its JSON text, served to subscribers without parsing it again. */
export interface StoredEventJson {
  seq: number;
  at: number;
  /** JSON.stringify of the ChannelEvent (so it starts with its `type`). */
  json: string;
}

/** `completeEnd` is always the last event of a run; subscribers close after it. */
export const isTerminalEventJson = (json: string) => json.startsWith('{"type":"completeEnd"');

export const parseStoredEvent = (stored: StoredEventJson): StoredEvent => ({
  seq: stored.seq,
  at: stored.at,
  event: JSON.parse(stored.json) as ChannelEvent,
});

/**
 * The wire form of one subscribe line: `head`, the event's JSON, `tail`. Never empty, so the SDK's
 * JSON.parse of every line holds. Kept apart so a 12 MB event is encoded without first being copied
 * into one 12 MB line string.
 */
export function subscribeLineFrame(seq: number, at?: number): { head: string; tail: string } {
  // `at` (when the event was stored, epoch ms) only for subscribers that asked for it (withTimes).
  const stored = at === undefined ? '' : `,"at":${at}`;
  return { head: `{"type":"message","id":"${seq}"${stored},"data":`, tail: '}\n' };
}
