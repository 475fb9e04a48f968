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
 * three times the memory of the text they spell, and a reply is held until its final message. Joined
 * soon, they die young: at 1,000 paced runs, tokens held for the whole run were copied by every
 * young-generation collection (scavenges: 322 → 114 ms per 600k tokens at 1,024 → 16).
 */
const JOIN_EVERY = 16;

/** What emitting one token leaves to do: more tokens, none, or a full buffer to wait for first. */
type Emitted = 'more' | 'done' | Promise<void>;

/** A reply being streamed: emits its tokens one at a time and keeps the text they spell. */
class ReplyStream {
  private readonly joined: string[] = [];
  private recent: string[] = [];
  private tokenCount = 0;
  private next: IteratorResult<string>;

  constructor(
    private readonly ctx: EngineContext,
    private readonly tokens: Iterator<string>,
  ) {
    this.next = tokens.next();
  }

  /** Tokens emitted so far. */
  get emittedCount(): number {
    return this.tokenCount;
  }

  get done(): boolean {
    return this.next.done === true;
  }

  /** Emits the next token (there must be one); throws the run's abort reason once it is cancelled. */
  emitNext(): Emitted {
    this.ctx.signal.throwIfAborted();
    const token = this.next.value as string;
    const written = this.ctx.emit({ type: 'token', data: { token } });
    this.recent.push(token);
    this.tokenCount += 1;
    if (this.recent.length === JOIN_EVERY) {
      this.joined.push(this.recent.join(''));
      this.recent = [];
    }
    // Looked up now, so the stream ends with its last token rather than a tick later.
    this.next = this.tokens.next();
    return written ?? (this.done ? 'done' : 'more');
  }

  reply(): StreamedReply {
    this.joined.push(this.recent.join(''));
    this.recent = [];
    return { text: this.joined.join(''), tokenCount: this.tokenCount };
  }
}

/** Called at a tick with the time it fired at (a busy loop fires timers late). */
type Step = (now: number) => void;

/** Each pace's next tick: the steps of the runs whose next token is due then. */
const stepsByPace = new Map<number, Set<Step>>();

/**
 * Calls `step` at the next tick of its pace: the first step starts a tick `delayMs` away and every run
 * of the same pace that waits before it fires joins it. After their first token, runs of one pace are in
 * step: one timer and one store write carry 1,000 runs' tokens, instead of a timer and a write each
 * spread over the interval. Steps run straight from the timer (no promise per token per run); they run
 * in the async context of whichever run started the tick, which is why a step only emits.
 */
function atNextTick(delayMs: number, step: Step): void {
  let steps = stepsByPace.get(delayMs);
  if (!steps) {
    const tick = new Set<Step>();
    steps = tick;
    stepsByPace.set(delayMs, tick);
    setTimeout(() => {
      stepsByPace.delete(delayMs);
      const now = performance.now();
      for (const due of tick) due(now);
    }, delayMs);
  }
  steps.add(step);
}

/** Without a pace: every token at once, yielding only while the writer's buffer is full. */
async function streamUnpaced(stream: ReplyStream): Promise<StreamedReply> {
  while (!stream.done) {
    const emitted = stream.emitNext();
    if (typeof emitted !== 'string') await emitted;
  }
  return stream.reply();
}

/**
 * One token per tick, emitted by the tick itself: one promise for the whole reply, settled after the
 * last token or at once when the run is cancelled (one abort listener for the whole stream too).
 * Token n is due `n × delayMs` after the first, on the run's own clock: a tick that comes late (timers
 * fire late on a busy loop, and each tick starts the next one only when it fires) emits every token due
 * by then, as a model's tokens keep coming while the server is busy and are read together. A busy
 * server then stores and sends several tokens per run per commit, and the run ends on time, instead of
 * falling further behind the pace with every late tick.
 */
function streamPaced(stream: ReplyStream, signal: AbortSignal, delayMs: number): Promise<StreamedReply> {
  return new Promise((resolve, reject) => {
    let settled = false;
    /** While a full buffer is awaited the stream is not in a tick; cancellation is seen after it. */
    let awaitingWrite = false;
    /** When the first token was emitted: the origin of the run's schedule. */
    let startedAt = 0;
    const settle = (error?: unknown) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      if (error === undefined) resolve(stream.reply());
      else reject(error);
    };
    const onAbort = () => {
      if (!awaitingWrite) settle(signal.reason);
    };
    /** Emits at least one token, and every further one due by `now`. */
    const step = (now: number) => {
      if (settled) return;
      let emitted: Emitted;
      try {
        emitted = stream.emitNext();
        const due = Math.floor((now - startedAt) / delayMs) + 1;
        while (emitted === 'more' && stream.emittedCount < due) emitted = stream.emitNext();
      } catch (error) {
        return settle(error);
      }
      if (emitted === 'done') return settle();
      if (emitted === 'more') return atNextTick(delayMs, step);
      awaitingWrite = true;
      emitted.then(() => {
        awaitingWrite = false;
        if (signal.aborted) settle(signal.reason);
        else if (stream.done) settle();
        else atNextTick(delayMs, step);
      }, settle);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    if (stream.done) settle();
    else {
      startedAt = performance.now();
      step(startedAt);
    }
  });
}

export function streamTokens(ctx: EngineContext, tokens: Iterable<string>): Promise<StreamedReply> {
  const delayMs = ctx.config.LOCAL_TOKEN_DELAY_MS;
  const stream = new ReplyStream(ctx, tokens[Symbol.iterator]());
  return delayMs > 0 ? streamPaced(stream, ctx.signal, delayMs) : streamUnpaced(stream);
}
