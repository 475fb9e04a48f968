// Streams a reply token by token at LOCAL_TOKEN_DELAY_MS, the way a model's reply arrives. Every token is
// awaited through ctx.emit (that is how the engine yields to the store) and cancellation stops it at once.
import { setTimeout as sleep } from 'node:timers/promises';
import type { EngineContext } from '../types';

/** Words with their leading whitespace, like LLM tokens: joining them gives back the trimmed text. */
export function toStreamTokens(text: string): string[] {
  return text.trim().match(/\s*\S+/g) ?? [];
}

/** " token1", " token2", … " tokenN": a reply of exactly `count` tokens for benchmarks. */
export function* repeatTokens(count: number): Generator<string> {
  for (let index = 1; index <= count; index += 1) yield ` token${index}`;
}

export interface StreamedReply {
  text: string;
  tokenCount: number;
}

/**
 * Tokens sent so far are joined into one string every this many: a million small strings cost about
 * three times the memory of the text they spell, and a reply is held until its final message.
 */
const JOIN_EVERY = 1024;

export async function streamTokens(ctx: EngineContext, tokens: Iterable<string>): Promise<StreamedReply> {
  const delayMs = ctx.config.LOCAL_TOKEN_DELAY_MS;
  const joined: string[] = [];
  let recent: string[] = [];
  let tokenCount = 0;
  for (const token of tokens) {
    if (tokenCount > 0 && delayMs > 0) await sleep(delayMs, undefined, { signal: ctx.signal });
    ctx.signal.throwIfAborted();
    await ctx.emit({ type: 'token', data: { token } });
    recent.push(token);
    tokenCount += 1;
    if (recent.length === JOIN_EVERY) {
      joined.push(recent.join(''));
      recent = [];
    }
  }
  joined.push(recent.join(''));
  return { text: joined.join(''), tokenCount };
}
