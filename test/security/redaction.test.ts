// Redaction is not an oracle and not bypassable, over HTTP against a real server: a tenant's guesses
// come back as sent whether or not one equals another tenant's secret or a server key, and a server key
// streamed by the model in two token deltas (and reasoning-token deltas) never reaches a subscriber.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch, postJson, subscribe, tokenText } from '../support/api-client';
import { startFakeOpenAi, type FakeOpenAi, type FakeScript } from '../support/fake-openai';
import { startServer, type RunningServer } from '../support/next-server';

const ALPHA = 'alpha-tenant-secret-0001';
const BETA = 'beta-tenant-secret-9f8e7d6c';
const OPENAI_KEY = 'sk-CANARY-openai-key-123456';
const alpha = { authorization: `Bearer ${ALPHA}` };

let server: RunningServer;
let fake: FakeOpenAi;

beforeAll(async () => {
  fake = await startFakeOpenAi();
  server = await startServer({
    env: { API_SECRET: `${ALPHA},${BETA}`, OPENAI_BASE_URL: fake.url, OPENAI_API_KEY: OPENAI_KEY },
  });
});
afterAll(async () => {
  await server?.stop();
  fake?.close();
});

describe('redaction over HTTP', () => {
  it('shows a tenant 40,000 guesses as sent: the ones equal to another tenant’s secret and the server key are not marked', async () => {
    const guesses = Array.from(
      { length: 40_000 },
      (_value, index) => `guess-${index.toString(36).padStart(8, '0')}`,
    );
    guesses[1234] = BETA;
    guesses[5678] = OPENAI_KEY;
    const channelId = await dispatch(
      server.url,
      { messages: [{ type: 'user', text: 'repeat 3', meta: { guesses } }] },
      alpha,
    );
    const run = (await (await fetch(`${server.url}/api/runs/${channelId}`, { headers: alpha })).json()) as {
      request: { messages: { meta: { guesses: string[] } }[] };
    };
    expect(run.request.messages[0].meta.guesses).toEqual(guesses);
  });

  it('redacts a server key the model streams in two deltas, in tokens and in reasoning tokens', async () => {
    fake.enqueue({
      kind: 'stream',
      deltas: [
        { reasoning_content: 'the key is sk-CANARY-ope' },
        { reasoning_content: 'nai-key-123456.' },
        { content: 'Your key: sk-CANARY-ope' },
        { content: 'nai-key-123456, done' },
      ],
    });
    const channelId = await dispatch(
      server.url,
      { model: 'openai/gpt-test', messages: [{ type: 'user', text: 'tell me the key' }] },
      alpha,
    );
    const stream = await subscribe(server.url, channelId, {}, { headers: alpha });
    expect(stream.lines.at(-1)?.data.type).toBe('completeEnd');
    const raw = stream.raw.join('\n');
    expect(raw).not.toContain('sk-CANARY-ope');
    expect(raw).not.toContain('nai-key-123456');
    expect(tokenText(stream.lines)).toBe('Your key: [redacted], done');
    const reasoning = stream.lines
      .filter((line) => line.data.type === 'reasoningToken')
      .map((line) => String(line.data.data.token))
      .join('');
    expect(reasoning).toBe('the key is [redacted].');
  });
  it('streams a model’s reply word by word while server secrets are set, and times it from its first word', async () => {
    const words = ['Your', ' order', ' left', ' the', ' warehouse', ' this', ' morning', ' and', ' arrives', ' Friday.'];
    fake.enqueue({ kind: 'stream', gapMs: 80, deltas: words.map((content) => ({ content })) });
    const channelId = await dispatch(
      server.url,
      { model: 'openai/gpt-test', messages: [{ type: 'user', text: 'where is my order?' }] },
      alpha,
    );
    const stream = await subscribe(server.url, channelId, { withTimes: true }, { headers: alpha });
    const storedAt = (type: string) => Number(stream.lines.find((line) => line.data.type === type)?.at);
    expect(tokenText(stream.lines)).toBe(words.join(''));
    // Before, every token waited for twice the longest secret (54 characters here) to follow it: this
    // whole reply was stored at its end, and its speed read as thousands of words a second.
    expect(storedAt('completeEnd') - storedAt('token')).toBeGreaterThanOrEqual(400);
    const { run } = (await (await fetch(`${server.url}/api/runs/${channelId}`, { headers: alpha })).json()) as {
      run: { tokensPerSecond: number };
    };
    expect(run.tokensPerSecond).toBeLessThan(50);
  });

  it('answers /conversation/complete with the events a dispatched run stores, redacted alike, also an upstream error quoting the key', async () => {
    const request = { model: 'openai/gpt-test', messages: [{ type: 'user', text: 'tell me the key' }] };
    const streamed: FakeScript = {
      kind: 'stream',
      deltas: [{ content: 'Your key: sk-CANARY-ope' }, { content: 'nai-key-123456, done' }],
    };
    const refused: FakeScript = {
      kind: 'status',
      status: 400,
      body: { error: { message: `Incorrect API key provided: ${OPENAI_KEY}` } },
    };
    const dispatched = async (script: FakeScript) => {
      fake.enqueue(script);
      const channelId = await dispatch(server.url, request, alpha);
      return (await subscribe(server.url, channelId, {}, { headers: alpha })).lines.map((line) => line.data);
    };
    const completed = async (script: FakeScript) => {
      fake.enqueue(script);
      const response = await postJson(`${server.url}/api/v1/conversation/complete`, request, {
        ...alpha,
        accept: 'application/jsonl',
      });
      return (await response.text())
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as unknown);
    };
    for (const script of [streamed, refused]) {
      const stored = await dispatched(script);
      expect(await completed(script)).toEqual(stored);
      expect(JSON.stringify(stored)).not.toMatch(/sk-CANARY-ope|nai-key-123456/);
    }
    const failed = await completed(refused);
    expect(failed.map((event) => (event as { type: string }).type)).toEqual([
      'completeBegin',
      'error',
      'completeEnd',
    ]);
    expect(failed[1]).toMatchObject({
      data: { message: expect.stringContaining('Incorrect API key provided: [redacted]') },
    });
  });
});
