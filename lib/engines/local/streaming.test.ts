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
});
