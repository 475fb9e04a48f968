// Reads one streamed Chat Completion (the client library parses the SSE): emits text and reasoning
// tokens as they arrive and gathers tool calls, whose id, name and arguments may come split across chunks.
import type { ChatCompletionChunk } from 'openai/resources/chat/completions';
import type { ChannelEvent } from '../../events';
import { UpstreamError } from '../upstream/errors';

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

/** Reasoning text as OpenAI-compatible servers send it (vLLM/DeepSeek: reasoning_content; Ollama, OpenRouter: reasoning). */
function reasoningOf(delta: ChatCompletionChunk.Choice.Delta): string | undefined {
  const extended = delta as { reasoning_content?: unknown; reasoning?: unknown };
  const value = extended.reasoning_content ?? extended.reasoning;
  return typeof value === 'string' && value ? value : undefined;
}

export async function readTurn(
  chunks: AsyncIterable<ChatCompletionChunk>,
  emit: (event: ChannelEvent) => void | Promise<void>,
  onChunk: () => void,
): Promise<StreamedTurn> {
  const turn: StreamedTurn = { text: '', toolCalls: [], finishReason: '', inputTokens: 0, outputTokens: 0 };
  for await (const chunk of chunks) {
    onChunk();
    if (chunk.usage) {
      turn.inputTokens = chunk.usage.prompt_tokens;
      turn.outputTokens = chunk.usage.completion_tokens;
    }
    const choice = chunk.choices[0];
    if (!choice) continue;
    const { delta } = choice;
    const reasoning = reasoningOf(delta);
    if (reasoning) await emit({ type: 'reasoningToken', data: { token: reasoning } });
    if (delta.content) {
      turn.text += delta.content;
      // Awaited only when the writer asks to be waited for (a full buffer): a promise per token is
      // measurable at a thousand runs.
      const written = emit({ type: 'token', data: { token: delta.content } });
      if (written) await written;
    }
    for (const part of delta.tool_calls ?? []) {
      const call = (turn.toolCalls[part.index] ??= { id: '', name: '', arguments: '' });
      if (part.id) call.id = part.id;
      if (part.function?.name) call.name += part.function.name;
      if (part.function?.arguments) call.arguments += part.function.arguments;
    }
    if (choice.finish_reason) turn.finishReason = choice.finish_reason;
  }
  if (!turn.finishReason) throw new UpstreamError('The upstream stream ended before the completion finished.');
  turn.toolCalls = turn.toolCalls.filter(Boolean);
  return turn;
}
