// One streamed Chat Completion: POSTs the request (upstream/streaming-post), decodes the SSE as it
// arrives (upstream/sse-decoder), emits text and reasoning tokens as they come and gathers tool calls,
// whose id, name and arguments may come split across chunks. One JSON.parse per chunk and no promise
// per token unless the event writer asks to be waited for.
import type { ChatCompletionChunk, ChatCompletionCreateParamsStreaming } from 'openai/resources/chat/completions';
import type { ChannelEvent } from '../../events';
import { reportedErrorDetail, UpstreamError, UpstreamStatusError } from '../upstream/errors';
import { SseDecoder } from '../upstream/sse-decoder';
import { postStreaming } from '../upstream/streaming-post';

export interface GatheredToolCall {
  id: string;
  name: string;
  arguments: string;
}

export interface StreamedTurn {
  text: string;
  toolCalls: GatheredToolCall[];
  finishReason: string;
  inputTokens: number;
  outputTokens: number;
}

export interface ChatEndpoint {
  /** The base URL, e.g. https://api.openai.com/v1. */
  baseUrl: string;
  apiKey: string;
}

type Emit = (event: ChannelEvent) => void | Promise<void>;

/** `<base URL>/chat/completions`, keeping the base's path and query as the client library did. */
export function chatCompletionsUrl(baseUrl: string): URL {
  const url = new URL(baseUrl);
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/chat/completions`;
  return url;
}

/** Reasoning text as OpenAI-compatible servers send it (vLLM/DeepSeek: reasoning_content; Ollama, OpenRouter: reasoning). */
function reasoningOf(delta: ChatCompletionChunk.Choice.Delta): string | undefined {
  const extended = delta as { reasoning_content?: unknown; reasoning?: unknown };
  const value = extended.reasoning_content ?? extended.reasoning;
  return typeof value === 'string' && value ? value : undefined;
}

/** Reads one turn's SSE data payloads in order; `finish()` gives the turn once the stream ended. */
export class TurnReader {
  private readonly turn: StreamedTurn = { text: '', toolCalls: [], finishReason: '', inputTokens: 0, outputTokens: 0 };
  private done = false;

  constructor(private readonly emit: Emit) {}

  /** One event's data; returns the writer's promise when it asks to be waited for. */
  readonly read = (data: string): void | Promise<void> => {
    // Nothing after [DONE] counts; an empty data line is no chunk.
    if (this.done || data === '') return;
    if (data.startsWith('[DONE]')) {
      this.done = true;
      return;
    }
    let chunk: ChatCompletionChunk & { error?: unknown };
    try {
      chunk = JSON.parse(data) as typeof chunk;
    } catch {
      throw new UpstreamError('The upstream stream sent an event that is not JSON.');
    }
    if (chunk.error) throw new UpstreamStatusError(undefined, reportedErrorDetail(chunk.error));
    return this.readChunk(chunk);
  };

  private readChunk(chunk: ChatCompletionChunk): void | Promise<void> {
    const { turn } = this;
    if (chunk.usage) {
      turn.inputTokens = chunk.usage.prompt_tokens;
      turn.outputTokens = chunk.usage.completion_tokens;
    }
    const choice = chunk.choices?.[0];
    if (!choice) return;
    const { delta } = choice;
    let wait: void | Promise<void> = undefined;
    if (delta) {
      const reasoning = reasoningOf(delta);
      if (reasoning) wait = this.emit({ type: 'reasoningToken', data: { token: reasoning } });
      if (delta.content) {
        turn.text += delta.content;
        wait = this.emit({ type: 'token', data: { token: delta.content } }) ?? wait;
      }
      for (const part of delta.tool_calls ?? []) {
        const call = (turn.toolCalls[part.index] ??= { id: '', name: '', arguments: '' });
        if (part.id) call.id = part.id;
        if (part.function?.name) call.name += part.function.name;
        if (part.function?.arguments) call.arguments += part.function.arguments;
      }
    }
    if (choice.finish_reason) turn.finishReason = choice.finish_reason;
    return wait;
  }

  finish(): StreamedTurn {
    if (!this.turn.finishReason) throw new UpstreamError('The upstream stream ended before the completion finished.');
    return { ...this.turn, toolCalls: this.turn.toolCalls.filter(Boolean) };
  }
}

/**
 * Streams one completion to its end. `onActivity` is called for every piece of the answer (the idle
 * timeout); `signal` aborts the request. Throws the upstream errors of ../upstream/errors.
 */
export async function streamTurn(
  endpoint: ChatEndpoint,
  body: ChatCompletionCreateParamsStreaming,
  options: { emit: Emit; signal: AbortSignal; onActivity: () => void },
): Promise<StreamedTurn> {
  const reader = new TurnReader(options.emit);
  const decoder = new SseDecoder(reader.read);
  await postStreaming({
    url: chatCompletionsUrl(endpoint.baseUrl),
    headers: {
      authorization: `Bearer ${endpoint.apiKey}`,
      'content-type': 'application/json',
      accept: 'application/json',
    },
    body: JSON.stringify(body),
    signal: options.signal,
    onBody(chunk) {
      options.onActivity();
      return decoder.push(chunk);
    },
  });
  return reader.finish();
}
