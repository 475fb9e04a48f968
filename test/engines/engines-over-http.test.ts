// The real engines behind a real `next start`: openai against a fake Chat Completions server, chatbotkit
// against a second instance of our own server (it is wire-compatible), engine choice and configuration.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch, eventTypes, postJson, subscribe, tokenText } from '../support/api-client';
import { startFakeOpenAi, textReply, toolCallReply, type FakeOpenAi } from '../support/fake-openai';
import { startServer, type RunningServer } from '../support/next-server';

let fake: FakeOpenAi;
let server: RunningServer;
let upstream: RunningServer;
let unconfigured: RunningServer;
const UPSTREAM_SECRET = 'upstream-secret-for-chatbotkit-test';

beforeAll(async () => {
  fake = await startFakeOpenAi();
  upstream = await startServer({ env: { API_SECRET: UPSTREAM_SECRET, LOCAL_TOKEN_DELAY_MS: '0' } });
  [server, unconfigured] = await Promise.all([
    startServer({
      env: {
        OPENAI_BASE_URL: fake.url,
        OPENAI_API_KEY: 'sk-over-http',
        OPENAI_MODEL: 'fake-default',
        CHATBOTKIT_API_KEY: UPSTREAM_SECRET,
        CHATBOTKIT_BASE_URL: upstream.url,
        UPSTREAM_TIMEOUT_MS: '3000',
      },
    }),
    startServer(),
  ]);
}, 120_000);

afterAll(async () => {
  await Promise.all([server?.stop(), upstream?.stop(), unconfigured?.stop(), fake?.close()]);
});

const runStatus = async (base: string, channelId: string) => ((await (await fetch(`${base}/api/runs/${channelId}`)).json()) as { run: { status: string; engine: string; model: string } }).run;

describe('engines over HTTP', () => {
  it('GET /api/engines says which engines are configured and what to set for the others', async () => {
    const configured = (await (await fetch(`${server.url}/api/engines`)).json()) as { engines: { name: string; configured: boolean }[] };
    expect(configured.engines.map((engine) => [engine.name, engine.configured])).toEqual([
      ['local', true],
      ['openai', true],
      ['chatbotkit', true],
    ]);
    const bare = (await (await fetch(`${unconfigured.url}/api/engines`)).json()) as { engines: { name: string; configured: boolean; requires?: string }[] };
    expect(bare.engines.find((engine) => engine.name === 'openai')).toMatchObject({ configured: false, requires: 'OPENAI_BASE_URL or OPENAI_API_KEY' });
  });

  it('an engine that is not configured gives 400 at dispatch with the variable to set, and stores nothing', async () => {
    const response = await postJson(`${unconfigured.url}/api/v1/conversation/dispatch`, { messages: [{ type: 'user', text: 'hi' }], model: 'openai/gpt-4o' });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { message: string };
    expect(body.message).toBe('The openai engine is not configured: set OPENAI_BASE_URL or OPENAI_API_KEY on the server.');
    const bot = await postJson(`${unconfigured.url}/api/v1/conversation/dispatch`, { messages: [{ type: 'user', text: 'hi' }], botId: 'bot_1' });
    expect(((await bot.json()) as { message: string }).message).toContain('set CHATBOTKIT_API_KEY');
    const runs = (await (await fetch(`${unconfigured.url}/api/runs`)).json()) as { items: unknown[] };
    expect(runs.items).toHaveLength(0);
  });

  it('openai/<model> runs on the OpenAI-compatible endpoint, including a function answered by a publish', async () => {
    fake.enqueue(toolCallReply([{ id: 'call_1', name: 'approve', arguments: '{"amount":40}' }]), textReply('Your refund is approved.'));
    const channelId = await dispatch(server.url, {
      messages: [{ type: 'user', text: 'Refund please' }],
      model: 'openai/gpt-over-http',
      functions: [{ name: 'approve', description: 'Approve', parameters: { type: 'object', properties: { amount: { type: 'number' } } }, result: { channel: 'http-approvals' } }],
    });
    const events = subscribe(server.url, channelId);
    // The default 1 s poll is too short for a run's first upstream round trip on a loaded machine.
    await expect
      .poll(async () => (await runStatus(server.url, channelId)).status, { timeout: 30_000 })
      .toBe('waiting');
    await postJson(`${server.url}/api/v1/channel/http-approvals/publish`, { message: { approved: true } });
    const { lines } = await events;
    expect(eventTypes(lines)).toEqual([
      'completeBegin',
      'waitForChannelMessageBegin',
      'waitForChannelMessageEnd',
      'message',
      ...Array(4).fill('token'),
      'message',
      'usage',
      'result',
      'completeEnd',
    ]);
    expect(tokenText(lines)).toBe('Your refund is approved.');
    expect(lines.find((line) => line.data.type === 'usage')?.data.data).toEqual({ model: 'gpt-over-http', inputTokensUsed: 31, outputTokensUsed: 12 });
    expect(await runStatus(server.url, channelId)).toMatchObject({ status: 'completed', engine: 'openai', model: 'gpt-over-http' });
    expect(fake.requests.at(-1)?.body.model).toBe('gpt-over-http');
  });

  it('an upstream failure ends the run failed with an error event', async () => {
    fake.enqueue({ kind: 'status', status: 500 });
    const channelId = await dispatch(server.url, { messages: [{ type: 'user', text: 'hi' }], model: 'openai/x' });
    const { lines } = await subscribe(server.url, channelId);
    expect(eventTypes(lines)).toEqual(['completeBegin', 'error', 'completeEnd']);
    expect(lines[1].data.data).toEqual({ message: 'The OpenAI-compatible endpoint failed with 500.' });
    expect((await runStatus(server.url, channelId)).status).toBe('failed');
  });

  it('cancel aborts the upstream request of a running openai run', async () => {
    fake.enqueue({ kind: 'hang' });
    const earlier = fake.requests.length;
    const channelId = await dispatch(server.url, { messages: [{ type: 'user', text: 'hi' }], model: 'openai/x' });
    // This run's own request (earlier tests' requests are in the list too).
    await expect.poll(() => fake.requests.length).toBeGreaterThan(earlier);
    const hung = fake.requests[earlier];
    await postJson(`${server.url}/api/runs/${channelId}/cancel`, {});
    const { lines } = await subscribe(server.url, channelId);
    expect(eventTypes(lines).slice(-2)).toEqual(['abort', 'completeEnd']);
    await expect.poll(() => hung?.closedEarly).toBe(true);
  });

  it('chatbotkit/<model> sends the request with @chatbotkit/sdk to ChatBotKit (here: our own server) and relays its events', async () => {
    const channelId = await dispatch(server.url, {
      messages: [{ type: 'user', text: 'How do I reset my password?' }],
      model: 'chatbotkit/local',
      extensions: { datasets: [{ name: 'Help', records: [{ text: 'Reset your password under Settings, Security.' }] }] },
    });
    const { lines } = await subscribe(server.url, channelId);
    const types = eventTypes(lines);
    expect(types[0]).toBe('completeBegin');
    expect(types.slice(-3)).toEqual(['usage', 'result', 'completeEnd']);
    expect(types.filter((type) => type === 'completeBegin' || type === 'completeEnd')).toHaveLength(2);
    const result = lines.find((line) => line.data.type === 'result')?.data.data as { text: string };
    expect(result.text).toContain('Reset your password under Settings, Security.');
    expect(tokenText(lines)).toBe(result.text);
    expect((lines.find((line) => line.data.type === 'usage')?.data.data as { model: string }).model).toBe('local');
    expect(await runStatus(server.url, channelId)).toMatchObject({ status: 'completed', engine: 'chatbotkit' });
    // The upstream stored nothing: complete is not a background dispatch.
    const upstreamRuns = (await (await fetch(`${upstream.url}/api/runs`, { headers: { authorization: `Bearer ${UPSTREAM_SECRET}` } })).json()) as { items: unknown[] };
    expect(upstreamRuns.items).toHaveLength(0);
  });

  it('a chatbotkit key the upstream refuses ends the run failed with a clear error', async () => {
    const wrongKey = await startServer({ env: { CHATBOTKIT_API_KEY: 'wrong-key', CHATBOTKIT_BASE_URL: upstream.url } });
    try {
      const channelId = await dispatch(wrongKey.url, { messages: [{ type: 'user', text: 'hi' }], model: 'chatbotkit/local' });
      const { lines } = await subscribe(wrongKey.url, channelId);
      expect(eventTypes(lines)).toEqual(['completeBegin', 'error', 'completeEnd']);
      expect(lines[1].data.data).toEqual({ message: 'ChatBotKit refused the API key (UNAUTHORIZED).' });
      expect(wrongKey.output()).not.toContain('wrong-key');
    } finally {
      await wrongKey.stop();
    }
  }, 60_000);
});
