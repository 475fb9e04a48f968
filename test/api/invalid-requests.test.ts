// Each kind of mistake in a dispatch body gets 400 INVALID_REQUEST with the field's path, and nothing is stored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postJson } from '../support/api-client';
import { startServer, type RunningServer } from '../support/next-server';

let server: RunningServer;

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

const valid = { messages: [{ type: 'user', text: 'hello' }] };
const fn = (overrides: Record<string, unknown>) => ({
  name: 'getWeather',
  description: 'Weather for a city',
  parameters: { type: 'object', properties: { city: { type: 'string' } } },
  ...overrides,
});

const mistakes: [string, unknown, string][] = [
  ['messages missing', {}, 'messages'],
  ['unknown message type', { messages: [{ type: 'robot', text: 'x' }] }, 'messages.0.type'],
  ['message text not a string', { messages: [{ type: 'user', text: 42 }] }, 'messages.0.text'],
  ['message meta not an object', { messages: [{ type: 'user', text: 'x', meta: 'nope' }] }, 'messages.0.meta'],
  ['attachment URL not http(s)', { ...valid, attachments: [{ url: 'ftp://example.com/a' }] }, 'attachments.0.url'],
  ['contact without fingerprint', { ...valid, contactId: { name: 'Ann' } }, 'contactId'],
  ['function name not an identifier', { ...valid, functions: [fn({ name: 'get weather' })] }, 'functions.0.name'],
  ['function name too long', { ...valid, functions: [fn({ name: 'a'.repeat(65) })] }, 'functions.0.name'],
  ['duplicate function names', { ...valid, functions: [fn({}), fn({})] }, 'functions.1.name'],
  [
    'required parameter not in properties',
    { ...valid, functions: [fn({ parameters: { type: 'object', properties: {}, required: ['city'] } })] },
    'functions.0.parameters.required.0',
  ],
  [
    'parameter name with a space',
    { ...valid, functions: [fn({ parameters: { type: 'object', properties: { 'my param': { type: 'string' } } } })] },
    'functions.0.parameters.properties.my param',
  ],
  [
    'required parameter listed twice',
    { ...valid, functions: [fn({ parameters: { type: 'object', properties: { city: {} }, required: ['city', 'city'] } })] },
    'functions.0.parameters.required.1',
  ],
  [
    'parameter type JSON Schema does not know',
    { ...valid, functions: [fn({ parameters: { type: 'object', properties: { city: { type: 'strng' } } } })] },
    'functions.0.parameters.properties.city',
  ],
  ['function name with $ (refused by OpenAI tools)', { ...valid, functions: [fn({ name: '$lookup' })] }, 'functions.0.name'],
  [
    'duplicate function names beside another mistake (reported in the same answer)',
    { messages: [{ type: 'robot', text: 'x' }], functions: [fn({}), fn({})] },
    'functions.1.name',
  ],
  ['parameters not an object schema', { ...valid, functions: [fn({ parameters: { type: 'array' } })] }, 'functions.0.parameters.type'],
  ['result neither data nor channel', { ...valid, functions: [fn({ result: { value: 1 } })] }, 'functions.0.result'],
  ['dataset record without text', { ...valid, extensions: { datasets: [{ records: [{ meta: {} }] }] } }, 'extensions.datasets.0.records.0.text'],
  [
    'ability without instruction',
    { ...valid, extensions: { skillsets: [{ abilities: [{ name: 'a', description: 'b' }] }] } },
    'extensions.skillsets.0.abilities.0.instruction',
  ],
  ['feature without name', { ...valid, extensions: { features: [{ options: {} }] } }, 'extensions.features.0.name'],
  ['limits not positive integers', { ...valid, limits: { calls: 0 } }, 'limits.calls'],
  ['botId together with model', { ...valid, botId: 'bot_1', model: 'gpt-4o' }, 'model'],
  ['channelId with bad characters', { ...valid, channelId: 'a/b' }, 'channelId'],
  ['unknown top-level key (at its own path)', { ...valid, mesages: [] }, 'mesages'],
  [
    'unknown key in a message (at its own path, not the message’s)',
    { messages: [{ type: 'user', text: 'x', colour: 'red' }] },
    'messages.0.colour',
  ],
  ['too many messages', { messages: Array.from({ length: 501 }, () => ({ type: 'user', text: 'x' })) }, 'messages'],
];

async function runCount(): Promise<number> {
  const response = await fetch(`${server.url}/api/runs?limit=200`);
  return ((await response.json()) as { items: unknown[] }).items.length;
}

describe('invalid dispatch bodies', () => {
  it.each(mistakes)('%s → 400 with the path in issues', async (_name, body, expectedPath) => {
    const before = await runCount();
    const response = await postJson(`${server.url}/api/v1/conversation/dispatch`, body);
    expect(response.status).toBe(400);
    const error = await response.json();
    expect(error.code).toBe('INVALID_REQUEST');
    expect(typeof error.message).toBe('string');
    expect(error.issues.map((issue: { path: string }) => issue.path)).toContain(expectedPath);
    expect(await runCount()).toBe(before);
  });

  // Zod's own wording, for developers: "Invalid input: expected string, received number", "Too big: …".
  const VALIDATOR_JARGON = /Invalid input|expected .*received|Too (big|small):|Unrecognized key|Invalid option/;

  it.each(mistakes)('%s → each problem in plain words, the message naming it', async (_name, body) => {
    const response = await postJson(`${server.url}/api/v1/conversation/dispatch`, body);
    const error = (await response.json()) as { message: string; issues: { path: string; message: string }[] };
    for (const issue of error.issues) expect(issue.message).not.toMatch(VALIDATOR_JARGON);
    expect(error.message).not.toMatch(VALIDATOR_JARGON);
    for (const issue of error.issues.slice(0, 5)) expect(error.message).toContain(`${issue.path || 'body'}: ${issue.message}`);
  });

  it('says what a wrong kind of value should be, and that a missing field is required', async () => {
    const response = await postJson(`${server.url}/api/v1/conversation/dispatch`, {
      messages: [{ type: 'user', text: 42 }],
      functions: [{ name: 'lookup', description: 'x', parameters: { type: 'array', properties: {} } }],
      extensions: { features: [{}] },
    });
    const { issues } = (await response.json()) as { issues: { path: string; message: string }[] };
    expect(issues).toEqual(
      expect.arrayContaining([
        { path: 'messages.0.text', message: 'Must be text, not a number' },
        { path: 'functions.0.parameters.type', message: 'Must be "object"' },
        { path: 'extensions.features.0.name', message: 'This is required' },
      ]),
    );
  });

  it('tells a misspelt field the one it likely meant, at every level, and an unknown one to check its spelling', async () => {
    const response = await postJson(`${server.url}/api/v1/conversation/dispatch`, {
      messages: [{ type: 'user', txt: 'hello' }],
      functons: [],
      extensions: { Backstory: 'Be brief.' },
      contactId: { fingerprint: 'ann', colour: 'red' },
    });
    expect(response.status).toBe(400);
    const { issues } = (await response.json()) as { issues: { path: string; message: string }[] };
    expect(issues).toEqual(
      expect.arrayContaining([
        { path: 'functons', message: 'There is no field called "functons" here; did you mean "functions"?' },
        { path: 'messages.0.txt', message: 'There is no field called "txt" here; did you mean "text"?' },
        { path: 'extensions.Backstory', message: 'There is no field called "Backstory" here; did you mean "backstory"?' },
        { path: 'contactId.colour', message: 'There is no field called "colour" here; check its spelling' },
      ]),
    );
  });

  it('lists up to five problems in the message, then how many more', async () => {
    const body = { messages: Array.from({ length: 7 }, (_, index) => ({ type: 'robot', text: `m${index}` })) };
    const response = await postJson(`${server.url}/api/v1/conversation/dispatch`, body);
    expect(response.status).toBe(400);
    const error = (await response.json()) as { message: string; issues: { path: string }[] };
    expect(error.issues.map((issue) => issue.path)).toEqual([0, 1, 2, 3, 4, 5, 6].map((index) => `messages.${index}.type`));
    for (const index of [0, 1, 2, 3, 4]) expect(error.message).toContain(`messages.${index}.type: Pick one of`);
    expect(error.message).not.toContain('messages.5.type');
    expect(error.message).toMatch(/; and 2 more$/);
  });

  it('says where a body that is not JSON goes wrong, on the line and column a person counts', async () => {
    const post = (body: string) =>
      fetch(`${server.url}/api/v1/conversation/dispatch`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
    const misplaced = await post('{\n  "messages": [\n    {"type": "user", "text": "hi",}\n  ]\n}');
    expect(misplaced.status).toBe(400);
    expect(await misplaced.json()).toMatchObject({
      code: 'INVALID_REQUEST',
      message: 'The body is not valid JSON (near line 3, column 35)',
      issues: [{ path: '', message: 'The body is not valid JSON (near line 3, column 35)' }],
    });
    const cut = await post('{"messages": [{"type": "user", "text": "hi"}');
    expect(((await cut.json()) as { message: string }).message).toBe(
      'The body is not valid JSON (it stops too early: a closing quote, } or ] may be missing)',
    );
  });

  it('refuses a bad query string with each parameter’s path, in plain words', async () => {
    const response = await fetch(`${server.url}/api/runs?status=sleeping&limit=lots`);
    expect(response.status).toBe(400);
    const error = (await response.json()) as { code: string; message: string; issues: { path: string; message: string }[] };
    expect(error.code).toBe('INVALID_REQUEST');
    expect(error.issues.map((issue) => issue.path).sort()).toEqual(['query.limit', 'query.status']);
    for (const issue of error.issues) {
      expect(issue.message).not.toMatch(VALIDATOR_JARGON);
      expect(error.message).toContain(issue.path);
    }
  });

  it('refuses malformed JSON with 400 and stores nothing', async () => {
    const before = await runCount();
    const response = await postJson(`${server.url}/api/v1/conversation/dispatch`, '{"messages": [');
    expect(response.status).toBe(400);
    expect((await response.json()).code).toBe('INVALID_REQUEST');
    expect(await runCount()).toBe(before);
  });

  it('refuses a non-JSON content type with 415', async () => {
    const response = await fetch(`${server.url}/api/v1/conversation/dispatch`, {
      method: 'POST',
      headers: { 'content-type': 'text/html' },
      body: JSON.stringify(valid),
    });
    expect(response.status).toBe(415);
  });

  it('refuses an unknown X-Timezone with 400 naming the header', async () => {
    const response = await postJson(`${server.url}/api/v1/conversation/dispatch`, valid, { 'x-timezone': 'Mars/Olympus' });
    expect(response.status).toBe(400);
    expect((await response.json()).issues[0].path).toBe('headers.X-Timezone');
  });

  it('refuses an invalid subscribe body with the path', async () => {
    const response = await postJson(`${server.url}/api/v1/channel/anything/subscribe`, { after: -1 });
    expect(response.status).toBe(400);
    expect((await response.json()).issues[0].path).toBe('after');
  });
});
