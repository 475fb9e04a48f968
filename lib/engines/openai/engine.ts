// The openai engine: any OpenAI-compatible Chat Completions endpoint (OpenAI, Ollama, vLLM, LM Studio,
// llama.cpp's server), streaming over our own lean client (./stream; the client library's types only).
// Functions become tools; the tool loop is bounded by limits.iterations and limits.calls; call.start /
// call.end are forced calls.
import { setTimeout as sleep } from 'node:timers/promises';
import type { ChatCompletionMessageParam, ChatCompletionToolChoiceOption } from 'openai/resources/chat/completions';
import type { EndReason } from '../../events';
import { REQUEST_DEFAULTS } from '../../config';
import { parseModelString } from '../../dispatch/model-string';
import { defaultOpenAiModel } from './default-model';
import { answerToolCall } from './function-call';
import { toChatMessages, toTools } from './messages';
import type { ChatEndpoint, StreamedTurn } from './stream';
import { streamTurnOnThread } from './stream-thread';
import { buildSystemPrompt } from '../prompt';
import type { Engine, EngineContext } from '../types';
import { describeUpstreamError, isRateLimited, retryAfterMs } from '../upstream/errors';
import { idleTimeout } from '../upstream/idle-timeout';

const DEFAULT_BASE_URL = 'https://api.openai.com/v1';

function endpointOf({ config }: EngineContext): ChatEndpoint {
  return { baseUrl: config.OPENAI_BASE_URL ?? DEFAULT_BASE_URL, apiKey: config.OPENAI_API_KEY ?? 'not-needed' };
}

function modelSettings(settings: Record<string, string>) {
  const number = (value: string | undefined) => (value === undefined || Number.isNaN(Number(value)) ? undefined : Number(value));
  return {
    ...(number(settings.temperature) !== undefined && { temperature: number(settings.temperature) }),
    ...(number(settings.maxTokens) !== undefined && { max_tokens: number(settings.maxTokens) }),
    ...(number(settings.topP) !== undefined && { top_p: number(settings.topP) }),
  };
}

interface TurnOptions {
  messages: ChatCompletionMessageParam[];
  toolChoice?: ChatCompletionToolChoiceOption;
}

export function createOpenAiEngine(): Engine {
  return {
    name: 'openai',
    async run(ctx) {
      const endpoint = endpointOf(ctx);
      const spec = parseModelString(ctx.request.model);
      const model = spec.name || defaultOpenAiModel(ctx.config);
      const functions = ctx.request.functions ?? [];
      const tools = toTools(ctx.request);
      const system = await buildSystemPrompt(ctx.request);
      const messages = toChatMessages(ctx.request, system.text);
      const maxIterations = ctx.request.limits?.iterations ?? REQUEST_DEFAULTS.limits.iterations;
      const maxCalls = ctx.request.limits?.calls ?? REQUEST_DEFAULTS.limits.calls;
      let calls = 0;
      let text = '';
      let inputTokens = 0;
      let outputTokens = 0;

      /** One streamed turn, with one retry after a 429 that honours Retry-After. */
      const streamOneTurn = async ({ messages: turnMessages, toolChoice }: TurnOptions): Promise<StreamedTurn> => {
        for (let attempt = 1; ; attempt += 1) {
          const idle = idleTimeout(ctx.signal, ctx.config.UPSTREAM_TIMEOUT_MS);
          try {
            const body = {
              model,
              messages: turnMessages,
              stream: true as const,
              stream_options: { include_usage: true },
              ...(tools.length > 0 && { tools, tool_choice: toolChoice ?? (calls >= maxCalls ? 'none' : 'auto') }),
              ...modelSettings(spec.settings),
            };
            const turn = await streamTurnOnThread(endpoint, body, { emit: ctx.emit, signal: idle.signal, onActivity: idle.touch });
            inputTokens += turn.inputTokens;
            outputTokens += turn.outputTokens;
            return turn;
          } catch (error) {
            if (ctx.signal.aborted) throw error;
            const timeout = idle.timedOut();
            if (timeout) throw timeout;
            // One retry after a 429, honouring Retry-After (capped); the wait stops on the run's signal.
            // Other failures (408, 409, 5xx…) fail at once.
            if (attempt === 1 && isRateLimited(error)) {
              await sleep(retryAfterMs(error.retryAfter), undefined, { signal: ctx.signal });
              continue;
            }
            throw describeUpstreamError(error, 'OpenAI-compatible');
          } finally {
            idle.dispose();
          }
        }
      };

      /** Answers the turn's tool calls and adds them to the conversation; false when there were none. */
      const answerCalls = async (turn: StreamedTurn): Promise<boolean> => {
        if (turn.toolCalls.length === 0) return false;
        messages.push({
          role: 'assistant',
          content: turn.text || null,
          tool_calls: turn.toolCalls.map((call) => ({ id: call.id, type: 'function', function: { name: call.name, arguments: call.arguments } })),
        });
        for (const call of turn.toolCalls) {
          const result =
            calls < maxCalls ? await answerToolCall(call, functions, ctx) : { error: `The call limit (${maxCalls}) was reached` };
          calls += 1;
          messages.push({ role: 'tool', tool_call_id: call.id, content: JSON.stringify(result ?? null) });
        }
        return true;
      };

      const forced = (name: string): ChatCompletionToolChoiceOption => ({ type: 'function', function: { name } });
      const startCalls = functions.filter((fn) => fn.call?.start).map((fn) => fn.name);
      let endReason: EndReason = 'iteration';
      for (let iteration = 0; iteration < maxIterations; iteration += 1) {
        const startCall = calls < maxCalls ? startCalls.shift() : undefined;
        const turn = await streamOneTurn({ messages, toolChoice: startCall ? forced(startCall) : undefined });
        text += turn.text;
        if (await answerCalls(turn)) continue;
        endReason = turn.finishReason === 'length' ? 'length' : 'stop';
        break;
      }
      // call.end: forced after the reply; their results are recorded, the reply is not re-generated.
      for (const fn of functions.filter((candidate) => candidate.call?.end)) {
        if (calls >= maxCalls) break;
        const turn = await streamOneTurn({ messages, toolChoice: forced(fn.name) });
        await answerCalls({ ...turn, toolCalls: turn.toolCalls.slice(0, 1) });
      }

      const records = system.records;
      await ctx.emit({ type: 'message', data: { type: 'bot', text, ...(records.length > 0 && { meta: { records } }) } });
      await ctx.emit({ type: 'usage', data: { model, inputTokensUsed: inputTokens, outputTokensUsed: outputTokens } });
      await ctx.emit({ type: 'result', data: { text, usage: { token: inputTokens + outputTokens }, end: { reason: endReason } } });
    },
  };
}

export const openaiEngine = createOpenAiEngine();
