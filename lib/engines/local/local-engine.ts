// The embedded, deterministic engine (DESIGN section 6): no network, honest about what it is
// (usage.model is "local"), yet it does real work on the request — retrieval, function calls,
// backstory and skillset abilities — and streams its reply token by token.
import { REQUEST_DEFAULTS } from '../../config';
import type { DispatchMessage } from '../../dispatch/schema';
import type { Engine, EngineContext } from '../types';
import { chooseAbility } from './abilities';
import { applyBackstory, backstoryOf } from './backstory';
import { describeCurrentTime, isTimeQuestion } from './clock';
import type { FunctionCallRecord } from '../function-results';
import { callFunction } from './function-calls';
import { planFunctionCalls } from './function-plan';
import { countWords } from '../text/keywords';
import { composeReply } from './reply';
import { retrieveRecordsOffLoop } from '../retrieval/retrieval';
import { repeatTokens, streamTokens, toStreamTokens, type StreamedReply } from './streaming';

export const LOCAL_MODEL = REQUEST_DEFAULTS.model.local;
/** Caps "repeat N" so a benchmark typo cannot exhaust memory. */
export const MAX_REPEAT_TOKENS = 1_000_000;

const REPEAT_PATTERN = /^repeat (\d+)/i;

export interface LocalEngineOptions {
  /** The clock used for time questions; tests pass a fixed one. */
  now?: () => Date;
}

function latestUserText(messages: readonly DispatchMessage[]): string | undefined {
  return messages.findLast((message) => message.type === 'user')?.text;
}

/** The token count of "repeat N", or undefined when the message is not a repeat request. */
export function repeatCount(userText: string | undefined): number | undefined {
  const found = userText === undefined ? null : REPEAT_PATTERN.exec(userText.trim());
  return found ? Math.min(Number(found[1]), MAX_REPEAT_TOKENS) : undefined;
}

async function finish(ctx: EngineContext, inputTokens: number, reply: StreamedReply): Promise<void> {
  ctx.signal.throwIfAborted();
  await ctx.emit({
    type: 'usage',
    data: { model: LOCAL_MODEL, inputTokensUsed: inputTokens, outputTokensUsed: reply.tokenCount },
  });
  await ctx.emit({
    type: 'result',
    data: { text: reply.text, usage: { token: inputTokens + reply.tokenCount }, end: { reason: 'stop' } },
  });
}

async function runLocalEngine(ctx: EngineContext, now: () => Date): Promise<void> {
  const { request } = ctx;
  ctx.signal.throwIfAborted();
  const backstory = backstoryOf(request);
  const userText = latestUserText(request.messages);
  const inputTokens =
    request.messages.reduce((sum, message) => sum + countWords(message.text), 0) +
    countWords(backstory ?? '');

  const repeat = repeatCount(userText);
  if (repeat !== undefined) {
    const reply = await streamTokens(ctx, repeatTokens(repeat));
    await ctx.emit({ type: 'message', data: { type: 'bot', text: reply.text } });
    await finish(ctx, inputTokens, reply);
    return;
  }

  const message = userText ?? '';
  const plan = planFunctionCalls(
    request.functions ?? [],
    message,
    request.limits?.calls ?? REQUEST_DEFAULTS.limits.calls,
  );
  const calls: FunctionCallRecord[] = [];
  for (const fn of plan.beforeReply) calls.push(await callFunction(fn, message, ctx));

  const appliedBackstory = applyBackstory(backstory);
  const records = userText ? await retrieveRecordsOffLoop(request.extensions?.datasets ?? [], userText) : [];
  const ability = userText ? chooseAbility(request.extensions?.skillsets ?? [], userText) : undefined;
  const time = userText && isTimeQuestion(userText) ? describeCurrentTime(now(), ctx.timezone) : undefined;
  const replyText = composeReply({
    userText,
    backstory: appliedBackstory,
    ability,
    time,
    calls,
    records,
    callsAfterReply: plan.afterReply.map((fn) => fn.name),
    skippedCalls: plan.skipped.map((fn) => fn.name),
    callLimit: plan.limit,
  });

  const reply = await streamTokens(ctx, toStreamTokens(replyText));
  const meta = {
    ...(records.length > 0 && { records }),
    ...(ability && { ability }),
    ...(appliedBackstory?.persona && { persona: appliedBackstory.persona }),
  };
  await ctx.emit({
    type: 'message',
    data: { type: 'bot', text: reply.text, ...(Object.keys(meta).length > 0 && { meta }) },
  });
  for (const fn of plan.afterReply) await callFunction(fn, message, ctx);
  await finish(ctx, inputTokens, reply);
}

export function createLocalEngine(options: LocalEngineOptions = {}): Engine {
  const now = options.now ?? (() => new Date());
  return { name: LOCAL_MODEL, run: (ctx) => runLocalEngine(ctx, now) };
}
