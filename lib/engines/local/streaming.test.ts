import { describe, expect, it } from 'vitest';
import { repeatTokens, streamTokens, toStreamTokens } from './streaming';
import { recordingContext, tokensOf, userMessage } from './test-context';

describe('toStreamTokens', () => {
  it('splits into words with their leading whitespace, joining back to the text', () => {
    const text = 'Hello there,\n\n- "quoted" (faq)';
    expect(toStreamTokens(text)).toEqual(['Hello', ' there,', '\n\n-', ' "quoted"', ' (faq)']);
    expect(toStreamTokens(text).join('')).toBe(text);
    expect(toStreamTokens('   ')).toEqual([]);
  });

  it('repeats exactly N numbered tokens', () => {
    expect([...repeatTokens(3)]).toEqual([' token1', ' token2', ' token3']);
  });
});

describe('streamTokens', () => {
  it('paces tokens by LOCAL_TOKEN_DELAY_MS', async () => {
    const { ctx, events } = recordingContext({ messages: [userMessage('hi')] }, { tokenDelayMs: 20 });
    const started = performance.now();
    const reply = await streamTokens(ctx, ['a', ' b', ' c', ' d']);
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
    expect(reply).toEqual({ text: 'a b c d', tokenCount: 4 });
    expect(tokensOf(events)).toEqual(['a', ' b', ' c', ' d']);
  });

  it('stops a paced stream as soon as the run is cancelled', async () => {
    const { ctx, events, controller } = recordingContext(
      { messages: [userMessage('hi')] },
      { tokenDelayMs: 10_000, onEmit: () => setImmediate(() => controller.abort()) },
    );
    const started = performance.now();
    await expect(streamTokens(ctx, repeatTokens(5))).rejects.toThrow();
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(tokensOf(events)).toEqual([' token1']);
  });

  it('waits for a writer that asks for it, then goes on at the pace, in order', async () => {
    const { ctx, events } = recordingContext({ messages: [userMessage('hi')] }, { tokenDelayMs: 5 });
    const record = ctx.emit;
    ctx.emit = (event) => {
      record(event);
      return new Promise<void>((resolve) => setTimeout(resolve, 20));
    };
    const reply = await streamTokens(ctx, ['a', ' b', ' c']);
    expect(reply).toEqual({ text: 'a b c', tokenCount: 3 });
    expect(tokensOf(events)).toEqual(['a', ' b', ' c']);
  });

  it('stops after the awaited write when the run is cancelled during it', async () => {
    const { ctx, events, controller } = recordingContext(
      { messages: [userMessage('hi')] },
      { tokenDelayMs: 5 },
    );
    const record = ctx.emit;
    ctx.emit = (event) => {
      record(event);
      controller.abort();
      return new Promise<void>((resolve) => setTimeout(resolve, 20));
    };
    await expect(streamTokens(ctx, repeatTokens(5))).rejects.toThrow();
    expect(tokensOf(events)).toEqual([' token1']);
  });

  it('runs of one pace share the tick and each keeps its own reply', async () => {
    const contexts = [1, 2, 3].map(() =>
      recordingContext({ messages: [userMessage('hi')] }, { tokenDelayMs: 5 }),
    );
    const replies = await Promise.all(contexts.map(({ ctx }) => streamTokens(ctx, repeatTokens(4))));
    for (const [index, reply] of replies.entries()) {
      expect(reply).toEqual({ text: ' token1 token2 token3 token4', tokenCount: 4 });
      expect(tokensOf(contexts[index].events)).toEqual([' token1', ' token2', ' token3', ' token4']);
    }
  });

  it('emits the tokens of the ticks it missed when the loop was busy, in order', async () => {
    const turns: number[] = [];
    let turn = 0;
    const { ctx, events } = recordingContext(
      { messages: [userMessage('hi')] },
      {
        tokenDelayMs: 20,
        onEmit: () => {
          turns.push(turn);
          setImmediate(() => (turn += 1));
        },
      },
    );
    const streamed = streamTokens(ctx, repeatTokens(6));
    // Something else keeps the loop busy for five ticks.
    setTimeout(() => {
      const until = performance.now() + 110;
      while (performance.now() < until);
    }, 5);
    const reply = await streamed;
    expect(reply.tokenCount).toBe(6);
    expect(tokensOf(events)).toEqual([...repeatTokens(6)]);
    // The late tick emits the five tokens due by then together, in one turn of the loop.
    expect(new Set(turns.slice(1)).size).toBe(1);
  });

  it('keeps the pace when every tick comes a little late, emitting the tokens due together', async () => {
    const turns: number[] = [];
    let turn = 0;
    const { ctx, events } = recordingContext(
      { messages: [userMessage('hi')] },
      {
        tokenDelayMs: 20,
        onEmit: () => {
          if (turns.at(-1) !== turn) {
            // Each turn that emits keeps the loop busy for most of a tick, so every tick fires late.
            const until = performance.now() + 12;
            while (performance.now() < until);
            setImmediate(() => (turn += 1));
          }
          turns.push(turn);
        },
      },
    );
    const reply = await streamTokens(ctx, repeatTokens(10));
    expect(reply.tokenCount).toBe(10);
    expect(tokensOf(events)).toEqual([...repeatTokens(10)]);
    // Late by less than a tick each time, the ticks still fall behind the run's own clock, so some
    // turns emit more than one token rather than each token coming a little later than the one before.
    expect(new Set(turns).size).toBeLessThan(10);
  });
});
