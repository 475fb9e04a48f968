// Hands a request from another page (the live view's "Continue") to the builder: stored under one
// localStorage key, loaded by the builder when it opens at BUILDER_IMPORT_URL, then removed.
import type { DispatchRequest } from '../dispatch/schema';

export const BUILDER_HANDOFF_KEY = 'dispatch-studio.builder.import';
export const BUILDER_IMPORT_URL = '/?import=1';

export function handOffToBuilder(request: DispatchRequest): void {
  localStorage.setItem(BUILDER_HANDOFF_KEY, JSON.stringify(request));
}

/** The request handed over, if any; it is taken (removed) so a reload does not load it twice. */
export function takeBuilderHandoff(): unknown {
  const stored = localStorage.getItem(BUILDER_HANDOFF_KEY);
  if (stored === null) return undefined;
  localStorage.removeItem(BUILDER_HANDOFF_KEY);
  try {
    return JSON.parse(stored) as unknown;
  } catch {
    return undefined;
  }
}

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
