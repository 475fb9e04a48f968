// Hands a request from another page (the live view's "Continue") to the builder: stored under one
// localStorage key, loaded by the builder when it opens at BUILDER_IMPORT_URL, removed once it has mounted.
import type { DispatchRequest } from '../dispatch/schema';

export const BUILDER_HANDOFF_KEY = 'dispatch-studio.builder.import';
export const BUILDER_IMPORT_URL = '/?import=1';

export function handOffToBuilder(request: DispatchRequest): void {
  localStorage.setItem(BUILDER_HANDOFF_KEY, JSON.stringify(request));
}

/**
 * The request handed over, if any. Reading it does not remove it: React may render the builder, throw
 * that render away and render it again, and both renders must see the same request. The builder calls
 * `settleBuilderHandoff` once it has mounted, so a reload does not load the request twice.
 */
export function readBuilderHandoff(): unknown {
  const stored = localStorage.getItem(BUILDER_HANDOFF_KEY);
  if (stored === null) return undefined;
  try {
    return JSON.parse(stored) as unknown;
  } catch {
    return undefined;
  }
}

export const settleBuilderHandoff = () => localStorage.removeItem(BUILDER_HANDOFF_KEY);

/** The request to continue a conversation: its messages, the bot's reply, then an empty user turn. */
export function continuationOf(request: DispatchRequest, replyText: string): DispatchRequest {
  const { channelId: _channelId, ...rest } = request;
  return {
    ...rest,
    messages: [
      ...request.messages,
      ...(replyText ? [{ type: 'bot' as const, text: replyText }] : []),
      { type: 'user' as const, text: '' },
    ],
  };
}
