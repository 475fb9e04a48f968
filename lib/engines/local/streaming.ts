// Streams a reply token by token at LOCAL_TOKEN_DELAY_MS, the way a model's reply arrives. Every token is
// handed to ctx.emit, which asks to be awaited when its buffer is full (that is how the engine yields to the
// store); cancellation stops it at once.
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

/** Runs paced alike that are sleeping now, by pace: the next tick wakes them all. */
const sleepersByPace = new Map<number, Set<() => void>>();

/**
 * Wakes `wake` at the next tick of its pace: the first sleeper starts a tick `delayMs` away and every run
 * of the same pace that sleeps before it fires joins it. After their first token, runs of one pace are in
 * step: one timer and one store write wake 1,000 runs, instead of a timer and a write each spread over
 * the interval.
 */
function atNextTick(delayMs: number, wake: () => void): void {
  let sleepers = sleepersByPace.get(delayMs);
  if (!sleepers) {
    const tick = new Set<() => void>();
    sleepers = tick;
    sleepersByPace.set(delayMs, tick);
    setTimeout(() => {
      sleepersByPace.delete(delayMs);
      for (const sleeper of tick) sleeper();
    }, delayMs);
  }
  sleepers.add(wake);
}

/**
 * Sleeps between tokens on the shared tick, with one abort listener for the whole stream that ends the
 * current sleep: a timers/promises sleep with a signal adds and removes a listener on every token,
 * which at 1,000 paced runs cost more than the token itself.
 */
class TokenPacer {
  private wake: (() => void) | undefined;
  private readonly onAbort = () => this.wake?.();

  constructor(
    private readonly delayMs: number,
    private readonly signal: AbortSignal,
  ) {
    signal.addEventListener('abort', this.onAbort, { once: true });
  }

  sleep(): Promise<void> {
    if (this.signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      this.wake = resolve;
      atNextTick(this.delayMs, resolve);
    });
  }

  stop(): void {
    this.wake = undefined;
    this.signal.removeEventListener('abort', this.onAbort);
  }
}

export async function streamTokens(ctx: EngineContext, tokens: Iterable<string>): Promise<StreamedReply> {
  const delayMs = ctx.config.LOCAL_TOKEN_DELAY_MS;
  const pacer = delayMs > 0 ? new TokenPacer(delayMs, ctx.signal) : undefined;
  try {
    return await streamPaced(ctx, tokens, pacer);
  } finally {
    pacer?.stop();
  }
}

async function streamPaced(
  ctx: EngineContext,
  tokens: Iterable<string>,
  pacer: TokenPacer | undefined,
): Promise<StreamedReply> {
  const joined: string[] = [];
  let recent: string[] = [];
  let tokenCount = 0;
  for (const token of tokens) {
    if (tokenCount > 0 && pacer) await pacer.sleep();
    ctx.signal.throwIfAborted();
    // Awaited only when the writer asks to be waited for (a full buffer): a promise per token is
    // measurable at a thousand runs.
    const written = ctx.emit({ type: 'token', data: { token } });
    if (written) await written;
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
