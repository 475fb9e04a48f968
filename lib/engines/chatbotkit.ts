// The chatbotkit engine: sends the request to ChatBotKit's complete endpoint with the official SDK and
// relays its events into our channel (lib/runs/run-engine.ts adds completeBegin / completeEnd around
// them).
import { ChatBotKit } from '@chatbotkit/sdk';
import type { ChannelEvent } from '../events';
import { parseModelString } from '../dispatch/model-string';
import type { Engine, EngineContext } from './types';
import { UpstreamError } from './upstream/errors';
import { idleTimeout } from './upstream/idle-timeout';

/** Events of the upstream stream that we relay as they are; its own begin/end frame ours. */
const RELAYED = new Set(['token', 'reasoningToken', 'message', 'usage', 'result', 'waitForChannelMessageBegin', 'waitForChannelMessageEnd']);

/**
 * A relayed upstream event in our channel's shape. Token events keep only their token text: ChannelEvent
 * gives them no other field, and their stored JSON is written from a template that relies on that
 * (lib/store/event-batch.ts); a token that is not text would otherwise make that JSON invalid.
 */
export function relayedEvent(item: { type: string; data: unknown }): ChannelEvent {
  if (item.type === 'token' || item.type === 'reasoningToken') {
    const token = (item.data as { token?: unknown } | null)?.token;
    return { type: item.type, data: { token: typeof token === 'string' ? token : '' } };
  }
  return { type: item.type, data: item.data } as ChannelEvent;
}

function upstreamRequest(ctx: EngineContext) {
  const { channelId: _channelId, model, ...rest } = ctx.request;
  const name = parseModelString(model).name;
  return { ...rest, ...(name && !rest.botId && { model: name }) };
}

/** The SDK's FetchError carries ChatBotKit's error code (UNAUTHORIZED, TOO_MANY_REQUESTS…), not the status. */
function describeFailure(error: unknown): Error {
  const { code, cause } = error as { code?: string; cause?: { code?: string } };
  if (code === 'UNAUTHORIZED' || code === 'FORBIDDEN') return new UpstreamError(`ChatBotKit refused the API key (${code}).`);
  if (cause?.code) return new UpstreamError(`Could not reach ChatBotKit (${cause.code}).`);
  if (code && code !== 'FetchError') return new UpstreamError(`ChatBotKit answered ${code}: ${(error as Error).message}`);
  return error instanceof Error ? error : new UpstreamError(String(error));
}

export const chatbotkitEngine: Engine = {
  name: 'chatbotkit',
  async run(ctx) {
    const idle = idleTimeout(ctx.signal, ctx.config.UPSTREAM_TIMEOUT_MS);
    const client = new ChatBotKit({
      secret: ctx.config.CHATBOTKIT_API_KEY ?? '',
      ...(ctx.config.CHATBOTKIT_BASE_URL && { baseUrl: ctx.config.CHATBOTKIT_BASE_URL }),
      timezone: ctx.timezone,
      retries: 0,
    });
    let sawResult = false;
    try {
      // Cancel and the idle timeout abort the upstream request.
      const stream = client.conversation.complete(null, upstreamRequest(ctx) as never).stream({ abortSignal: idle.signal });
      for await (const item of stream as AsyncIterable<{ type: string; data: unknown }>) {
        idle.touch();
        if (!RELAYED.has(item.type)) {
          if (item.type === 'error') throw new UpstreamError(`ChatBotKit reported an error: ${(item.data as { message?: string })?.message ?? 'unknown'}`);
          continue;
        }
        if (item.type === 'result') sawResult = true;
        await ctx.emit(relayedEvent(item));
      }
      if (!sawResult) throw new UpstreamError('The ChatBotKit stream ended before the completion finished.');
    } catch (error) {
      if (ctx.signal.aborted) throw error;
      throw idle.timedOut() ?? describeFailure(error);
    } finally {
      idle.dispose();
    }
  },
};
