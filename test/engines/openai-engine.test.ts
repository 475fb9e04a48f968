// The openai engine against a local server that speaks the Chat Completions streaming protocol: what we
// send (messages, tools, tool_choice) and what we emit (tokens, reasoning, activity, usage, result).
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseConfig } from '@/lib/config';
import type { DispatchRequest } from '@/lib/dispatch/schema';
import { noResultConfigured } from '@/lib/engines/function-results';
import { createLocalEngine } from '@/lib/engines/local';
import { recordingContext } from '@/lib/engines/local/test-context';
import { createOpenAiEngine } from '@/lib/engines/openai/engine';
import type { ChannelEvent } from '@/lib/events';
import { startFakeOpenAi, textReply, toolCallReply, type FakeOpenAi } from '../support/fake-openai';

let fake: FakeOpenAi;

beforeAll(async () => {
  fake = await startFakeOpenAi();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.requests.length = 0;
});

interface RunOptions {
  env?: Record<string, string>;
  signal?: AbortSignal;
  published?: unknown;
  /** What emit returns for an event (a promise: the writer asks to be waited for). */
  written?: (event: ChannelEvent) => void | Promise<void>;
}

async function runEngine(request: DispatchRequest, options: RunOptions = {}) {
  const events: ChannelEvent[] = [];
  const emit = (event: ChannelEvent) => {
    events.push(event);
    return options.written?.(event);
  };
  const config = parseConfig({ OPENAI_BASE_URL: fake.url, OPENAI_API_KEY: 'sk-test', UPSTREAM_TIMEOUT_MS: '2000', ...options.env });
  let error: Error | undefined;
  try {
    await createOpenAiEngine().run({
      request,
      timezone: 'UTC',
      signal: options.signal ?? new AbortController().signal,
      emit,
      config,
      async waitForChannelMessage(channel) {
        emit({ type: 'waitForChannelMessageBegin', data: { channelId: channel } });
        emit({ type: 'waitForChannelMessageEnd', data: { channelId: channel } });
        return options.published;
      },
    });
  } catch (caught) {
    error = caught as Error;
  }
  return { events, error, types: events.map((event) => event.type) };
}

const execFileAsync = promisify(execFile);

const user = (text: string): DispatchRequest['messages'] => [{ type: 'user', text }];

describe('the openai engine', () => {
  it('streams the reply token by token and reports the real token counts', async () => {
    fake.enqueue(textReply('The answer is 42.', { prompt_tokens: 31, completion_tokens: 6 }));
    const { events, types, error } = await runEngine({ messages: user('What is the answer?'), model: 'openai/gpt-test/temperature=0.3/maxTokens=50' });
    expect(error).toBeUndefined();
    expect(types).toEqual(['token', 'token', 'token', 'token', 'message', 'usage', 'result']);
    expect(events.at(-2)).toEqual({ type: 'usage', data: { model: 'gpt-test', inputTokensUsed: 31, outputTokensUsed: 6 } });
    expect(events.at(-1)).toEqual({ type: 'result', data: { text: 'The answer is 42.', usage: { token: 37 }, end: { reason: 'stop' } } });
    const sent = fake.requests[0];
    expect(sent.path).toBe('/v1/chat/completions');
    expect(sent.headers.authorization).toBe('Bearer sk-test');
    expect(sent.body).toMatchObject({ model: 'gpt-test', stream: true, temperature: 0.3, max_tokens: 50 });
  });

  it('puts backstory, abilities and the best dataset records in the system prompt, and maps message types to roles', async () => {
    await runEngine({
      messages: [
        { type: 'instruction', text: 'Be brief.' },
        { type: 'context', text: 'The user is on the Pro plan.' },
        { type: 'user', text: 'Earlier question' },
        { type: 'bot', text: 'Earlier answer' },
        { type: 'reasoning', text: 'private thoughts' },
        { type: 'activity', text: 'Looked up the account' },
        { type: 'checkpoint', text: 'They asked about billing.' },
        { type: 'user', text: 'How do I reset my password?' },
      ],
      extensions: {
        backstory: 'You are Ava from Acme.',
        skillsets: [{ abilities: [{ name: 'translate', description: 'Translate text', instruction: 'Keep the tone.' }] }],
        datasets: [{ name: 'Help', records: [{ text: 'Reset your password under Settings.' }, { text: 'Invoices are monthly.' }] }],
      },
    });
    const messages = fake.requests[0].body.messages as { role: string; content: string }[];
    expect(messages[0].role).toBe('system');
    expect(messages[0].content).toContain('You are Ava from Acme.');
    expect(messages[0].content).toContain('translate: Translate text');
    expect(messages[0].content).toContain('Keep the tone.');
    expect(messages[0].content).toContain('Reset your password under Settings.');
    expect(messages[0].content).not.toContain('Invoices are monthly.');
    expect(messages.slice(1)).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Context: The user is on the Pro plan.' },
      { role: 'user', content: 'Earlier question' },
      { role: 'assistant', content: 'Earlier answer' },
      { role: 'system', content: 'Activity: Looked up the account' },
      { role: 'system', content: 'Summary of the conversation so far: They asked about billing.' },
      { role: 'user', content: 'How do I reset my password?' },
    ]);
  });

  it('turns functions into tools and answers a tool call split across chunks with result.data', async () => {
    fake.enqueue(toolCallReply([{ id: 'call_1', name: 'getWeather', arguments: '{"city":"Paris"}' }]), textReply('It is sunny in Paris.'));
    const parameters = { type: 'object' as const, properties: { city: { type: 'string' } }, required: ['city'] };
    const { events, types } = await runEngine({
      messages: user('Weather in Paris?'),
      functions: [{ name: 'getWeather', description: 'Current weather', parameters, result: { data: { sky: 'sunny' } } }],
    });
    expect(fake.requests[0].body.tools).toEqual([{ type: 'function', function: { name: 'getWeather', description: 'Current weather', parameters } }]);
    expect(fake.requests[0].body.tool_choice).toBe('auto');
    const followUp = fake.requests[1].body.messages as Record<string, unknown>[];
    expect(followUp.at(-2)).toMatchObject({ role: 'assistant', tool_calls: [{ id: 'call_1', function: { name: 'getWeather', arguments: '{"city":"Paris"}' } }] });
    expect(followUp.at(-1)).toEqual({ role: 'tool', tool_call_id: 'call_1', content: '{"sky":"sunny"}' });
    const activity = events.find((event) => event.type === 'message' && event.data.type === 'activity');
    expect(activity?.data).toEqual({ type: 'activity', text: 'Called getWeather', meta: { function: { name: 'getWeather', arguments: { city: 'Paris' }, result: { sky: 'sunny' } } } });
    expect(types.at(-1)).toBe('result');
  });

  it('waits for a published message when the function result is a channel', async () => {
    fake.enqueue(toolCallReply([{ id: 'call_9', name: 'approve', arguments: '{}' }]), textReply('Approved.'));
    const { types, events } = await runEngine(
      { messages: user('Approve it'), functions: [{ name: 'approve', description: 'Ask a person', parameters: { type: 'object', properties: {} }, result: { channel: 'approvals' } }] },
      { published: { approved: true } },
    );
    expect(types.slice(0, 3)).toEqual(['waitForChannelMessageBegin', 'waitForChannelMessageEnd', 'message']);
    expect(events[2].data).toMatchObject({ meta: { function: { result: { approved: true } } } });
    expect((fake.requests[1].body.messages as Record<string, unknown>[]).at(-1)).toMatchObject({ content: '{"approved":true}' });
  });

  it('answers a function without a result the way the local engine does', async () => {
    const noResult = { name: 'lookup', description: 'Look up an order', parameters: { type: 'object' as const, properties: {} } };
    fake.enqueue(toolCallReply([{ id: 'call_2', name: 'lookup', arguments: '{}' }]), textReply('No answer.'));
    const openai = await runEngine({ messages: user('Look up my order'), functions: [noResult] });
    const local = recordingContext({ messages: user('Look up my order'), functions: [{ ...noResult, call: { start: true } }] });
    await createLocalEngine().run(local.ctx);
    const answerIn = (events: ChannelEvent[]) =>
      events.flatMap((event) => (event.type === 'message' && event.data.type === 'activity' ? [event.data.meta] : []));
    expect(answerIn(openai.events)).toEqual([{ function: { name: 'lookup', arguments: {}, result: noResultConfigured('lookup') } }]);
    expect(answerIn(local.events)).toEqual(answerIn(openai.events));
    expect((fake.requests[1].body.messages as { role: string; content: string }[]).at(-1)?.content).toBe(
      JSON.stringify(noResultConfigured('lookup')),
    );
  });

  it('forces call.start and call.end functions and honours limits.calls and limits.iterations', async () => {
    const fn = (name: string, call?: { start?: boolean; end?: boolean }) => ({
      name,
      description: name,
      parameters: { type: 'object' as const, properties: {} },
      result: { data: { ok: name } },
      ...(call && { call }),
    });
    fake.enqueue(toolCallReply([{ id: 'a', name: 'opening', arguments: '{}' }]), textReply('Done.'), toolCallReply([{ id: 'b', name: 'closing', arguments: '{}' }]));
    const forced = await runEngine({ messages: user('hi'), functions: [fn('opening', { start: true }), fn('closing', { end: true })] });
    expect(fake.requests[0].body.tool_choice).toEqual({ type: 'function', function: { name: 'opening' } });
    expect(fake.requests[1].body.tool_choice).toBe('auto');
    expect(fake.requests[2].body.tool_choice).toEqual({ type: 'function', function: { name: 'closing' } });
    expect(forced.events.filter((event) => event.type === 'message' && event.data.type === 'activity')).toHaveLength(2);

    fake.requests.length = 0;
    fake.enqueue(
      toolCallReply([
        { id: 'c1', name: 'lookup', arguments: '{}' },
        { id: 'c2', name: 'lookup', arguments: '{}' },
      ]),
      textReply('Finished.'),
    );
    await runEngine({ messages: user('hi'), functions: [fn('lookup')], limits: { calls: 1 } });
    const toolMessages = (fake.requests[1].body.messages as { role: string; content: string }[]).filter((message) => message.role === 'tool');
    expect(toolMessages.map((message) => message.content)).toEqual(['{"ok":"lookup"}', '{"error":"The call limit (1) was reached"}']);
    expect(fake.requests[1].body.tool_choice).toBe('none');

    fake.requests.length = 0;
    fake.enqueue(toolCallReply([{ id: 'x', name: 'lookup', arguments: '{}' }]), toolCallReply([{ id: 'y', name: 'lookup', arguments: '{}' }]));
    const bounded = await runEngine({ messages: user('loop'), functions: [fn('lookup')], limits: { iterations: 2 } });
    expect(fake.requests).toHaveLength(2);
    expect(bounded.events.at(-1)).toMatchObject({ type: 'result', data: { end: { reason: 'iteration' } } });
  });

  it('emits reasoning tokens where the API gives them', async () => {
    fake.enqueue({ kind: 'stream', deltas: [{ reasoning_content: 'Thinking' }, { reasoning_content: ' hard' }, { content: 'Yes.' }] });
    const { events } = await runEngine({ messages: user('Sure?') });
    expect(events.filter((event) => event.type === 'reasoningToken').map((event) => event.data)).toEqual([{ token: 'Thinking' }, { token: ' hard' }]);
  });
});

describe('upstream failures end the run with a clear error, never a hang', () => {
  it('401: says the key was refused', async () => {
    fake.enqueue({ kind: 'status', status: 401 });
    const { error } = await runEngine({ messages: user('hi') });
    expect(error?.message).toBe('The OpenAI-compatible endpoint refused the API key (401).');
  });

  it('429: retries once after Retry-After, then succeeds; twice is an error', async () => {
    fake.enqueue({ kind: 'status', status: 429, headers: { 'retry-after': '1' } }, textReply('Made it.'));
    const retried = await runEngine({ messages: user('hi') });
    expect(retried.error).toBeUndefined();
    expect(fake.requests).toHaveLength(2);
    expect(retried.events.at(-1)).toMatchObject({ data: { text: 'Made it.' } });

    fake.enqueue({ kind: 'status', status: 429, headers: { 'retry-after': '0' } }, { kind: 'status', status: 429, headers: { 'retry-after': '0' } });
    const refused = await runEngine({ messages: user('hi') });
    expect(refused.error?.message).toContain('rate limiting requests (429)');
  });

  // The 30 s Retry-After is longer than this test may take: only a wait that stops on cancel passes.
  it('429: cancel stops the wait for Retry-After, and no retry is sent', { timeout: 15_000 }, async () => {
    fake.enqueue({ kind: 'status', status: 429, headers: { 'retry-after': '30' } }, textReply('Too late.'));
    const controller = new AbortController();
    const running = runEngine({ messages: user('hi') }, { signal: controller.signal });
    await expect.poll(() => fake.requests.length).toBe(1);
    controller.abort();
    const { error, events } = await running;
    expect(error?.name).toBe('AbortError');
    expect(events).toEqual([]);
    expect(fake.requests).toHaveLength(1);
    fake.requests.length = 0;
    expect((await runEngine({ messages: user('hi') })).events.at(-1)).toMatchObject({ data: { text: 'Too late.' } });
  });

  it('5xx, a refused connection, a stream cut in the middle and a timeout', async () => {
    fake.enqueue({ kind: 'status', status: 503 });
    expect((await runEngine({ messages: user('hi') })).error?.message).toBe('The OpenAI-compatible endpoint failed with 503.');

    const refused = await runEngine({ messages: user('hi') }, { env: { OPENAI_BASE_URL: 'http://127.0.0.1:9/v1' } });
    expect(refused.error?.message).toMatch(/^Could not reach the OpenAI-compatible endpoint/);

    fake.enqueue({ kind: 'cut', deltas: [{ content: 'Half ' }, { content: 'a sentence' }] });
    const cut = await runEngine({ messages: user('hi') });
    expect(cut.types).toEqual(['token', 'token']);
    expect(cut.error?.message).toMatch(/ended before the completion finished|Could not reach|terminated/);

    fake.enqueue({ kind: 'hang' });
    const slow = await runEngine({ messages: user('hi') }, { env: { UPSTREAM_TIMEOUT_MS: '300' } });
    expect(slow.error?.message).toBe('The upstream model did not answer within 300 ms (UPSTREAM_TIMEOUT_MS).');
  });

  it('cancel aborts the upstream request', async () => {
    fake.enqueue({ kind: 'hang' });
    const controller = new AbortController();
    const running = runEngine({ messages: user('hi') }, { signal: controller.signal });
    // Cancelled once the upstream has the request (and hangs on it).
    await expect.poll(() => fake.requests.length).toBe(1);
    controller.abort();
    const { error } = await running;
    expect(error).toBeDefined();
    await expect.poll(() => fake.requests[0]?.closedEarly).toBe(true);
  });
});

describe('the stream as the upstream sends it', () => {
  const sse = (payload: unknown) => `data: ${JSON.stringify(payload)}\n\n`;
  const delta = (value: Record<string, unknown>, finish: string | null = null) =>
    sse({ object: 'chat.completion.chunk', choices: [{ index: 0, delta: value, finish_reason: finish }] });
  /** `bytes` cut at each offset, as separate writes. */
  const cutAt = (bytes: Buffer, cuts: number[]) => [0, ...cuts].map((from, index) => bytes.subarray(from, [...cuts, bytes.length][index]));

  it('reads events cut anywhere, with CRLF, comments and keep-alives, reasoning, usage and [DONE]', async () => {
    const bytes = Buffer.from(
      [
        ': keep-alive\r\n\r\n',
        delta({ role: 'assistant', reasoning: 'Hm' }).replaceAll('\n', '\r\n'),
        delta({ content: 'Grüße, ' }),
        ':\n\n',
        delta({ content: 'wörld 🙂' }, 'stop'),
        sse({ choices: [], usage: { prompt_tokens: 3, completion_tokens: 4 } }),
        'data: [DONE]\n\n',
        delta({ content: 'after done' }),
      ].join(''),
    );
    // Inside the CRLF ending the reasoning event, inside "ü" and inside the emoji.
    const cuts = [bytes.indexOf('\r\n\r\n', 20) + 1, bytes.indexOf('ü') + 1, bytes.indexOf('🙂') + 2];
    fake.enqueue({ kind: 'raw', parts: cutAt(bytes, cuts), gapMs: 5 });
    const { events, error } = await runEngine({ messages: user('hi'), model: 'openai/gpt-test' });
    expect(error).toBeUndefined();
    expect(events.slice(0, 3)).toEqual([
      { type: 'reasoningToken', data: { token: 'Hm' } },
      { type: 'token', data: { token: 'Grüße, ' } },
      { type: 'token', data: { token: 'wörld 🙂' } },
    ]);
    expect(events.at(-2)).toEqual({ type: 'usage', data: { model: 'gpt-test', inputTokensUsed: 3, outputTokensUsed: 4 } });
    expect(events.at(-1)).toMatchObject({ type: 'result', data: { text: 'Grüße, wörld 🙂' } });
  });

  it('says what the upstream reported: an error answer, an error inside the stream, an event that is not JSON', async () => {
    fake.enqueue({ kind: 'status', status: 400, body: { error: { message: 'Unknown model gpt-x', type: 'invalid_request_error' } } });
    expect((await runEngine({ messages: user('hi') })).error?.message).toBe('The OpenAI-compatible endpoint answered 400: Unknown model gpt-x');

    fake.enqueue({ kind: 'raw', parts: [delta({ content: 'Par' }), sse({ error: { message: 'The model crashed' } })] });
    const reported = await runEngine({ messages: user('hi') });
    expect(reported.types).toEqual(['token']);
    expect(reported.error?.message).toBe('The OpenAI-compatible endpoint answered an error: The model crashed');

    fake.enqueue({ kind: 'raw', parts: ['data: {"choices": [\n\n'] });
    expect((await runEngine({ messages: user('hi') })).error?.message).toBe('The upstream stream sent an event that is not JSON.');

    fake.enqueue({ kind: 'raw', parts: [delta({ content: 'No finish' })] });
    expect((await runEngine({ messages: user('hi') })).error?.message).toBe('The upstream stream ended before the completion finished.');
  });

  it('reuses a kept-alive connection, and sends once more when the reused one was reset', async () => {
    fake.enqueue(textReply('One.'), textReply('Two.'));
    await runEngine({ messages: user('hi') });
    await runEngine({ messages: user('hi') });
    expect(fake.requests[1].remotePort).toBe(fake.requests[0].remotePort);

    fake.requests.length = 0;
    fake.enqueue({ kind: 'reset' }, textReply('Three.'));
    const retried = await runEngine({ messages: user('hi') });
    expect(retried.error).toBeUndefined();
    expect(fake.requests).toHaveLength(2);
    expect(fake.requests[1].remotePort).not.toBe(fake.requests[0].remotePort);

    // A reset on a new connection is a failure, not retried again.
    fake.requests.length = 0;
    fake.enqueue({ kind: 'reset' }, { kind: 'reset' });
    expect((await runEngine({ messages: user('hi') })).error?.message).toBe('Could not reach the OpenAI-compatible endpoint (ECONNRESET).');
    expect(fake.requests).toHaveLength(2);
  });

  it('stops reading while the writer asks to be waited for', async () => {
    fake.enqueue({ kind: 'raw', parts: [delta({ content: 'a' }), delta({ content: 'b' }), delta({}, 'stop')], gapMs: 20 });
    let released = 0;
    let bSeenAt = 0;
    const { error } = await runEngine(
      { messages: user('hi') },
      {
        written: (event) => {
          if (event.type !== 'token') return;
          if (event.data.token === 'b') bSeenAt = Date.now();
          if (event.data.token !== 'a') return;
          return new Promise<void>((resolve) =>
            setTimeout(() => {
              released = Date.now();
              resolve();
            }, 200),
          );
        },
      },
    );
    expect(error).toBeUndefined();
    expect(bSeenAt).toBeGreaterThanOrEqual(released);
  });
});

describe('the upstream reader thread', () => {
  const readerThread = () =>
    (globalThis as Record<symbol, { worker: import('node:worker_threads').Worker } | undefined>)[
      Symbol.for('dispatch.upstreamReaderThread')
    ];
  const upstreamAgents = () =>
    (globalThis as Record<symbol, Map<string, unknown> | undefined>)[Symbol.for('dispatch.upstreamAgents')];

  it('reads the upstream off the serving thread: this thread opens no upstream connection', async () => {
    fake.enqueue(textReply('Hello from the thread.'));
    const { error, events } = await runEngine({ messages: user('hi') });
    expect(error).toBeUndefined();
    expect(events.filter((event) => event.type === 'token').map((event) => (event.data as { token: string }).token).join('')).toBe(
      'Hello from the thread.',
    );
    expect(readerThread()).toBeDefined();
    expect(upstreamAgents()?.size ?? 0).toBe(0);
  });

  it('keeps many turns apart, each in order', async () => {
    const replies = Array.from({ length: 40 }, (_, index) => `Reply ${index} has several words in it.`);
    for (const reply of replies) fake.enqueue(textReply(reply));
    const runs = await Promise.all(replies.map(() => runEngine({ messages: user('hi') })));
    const texts = runs.map(({ error, events }) => {
      expect(error).toBeUndefined();
      return events.filter((event) => event.type === 'token').map((event) => (event.data as { token: string }).token).join('');
    });
    expect(texts.sort()).toEqual([...replies].sort());
  });

  it('lets the process exit once its turns are over, a cancelled one too', { timeout: 30_000 }, async () => {
    const script = path.join(process.cwd(), 'test/support/cancelled-upstream-turn.ts');
    const started = Date.now();
    const { stdout } = await execFileAsync(process.execPath, ['--import', 'tsx', script], { timeout: 20_000 });
    expect(stdout.trim()).toBe('turn ended: cancelled');
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it('fails the turns it held when the thread stops, and the next turn starts a new thread', async () => {
    fake.enqueue({ kind: 'hang' });
    const hanging = runEngine({ messages: user('hi') });
    await vi.waitFor(() => expect(fake.requests).toHaveLength(1));
    const stopped = readerThread();
    await stopped?.worker.terminate();
    expect((await hanging).error?.message).toMatch(/^The OpenAI-compatible stream ended before the completion finished \(the upstream reader thread stopped/);

    fake.enqueue(textReply('Back again.'));
    const { error } = await runEngine({ messages: user('hi') });
    expect(error).toBeUndefined();
    expect(readerThread()).not.toBe(stopped);
  });
});
