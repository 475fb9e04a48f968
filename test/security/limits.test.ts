// Size limits: the body cap answers 413 before parsing, the documented maxima answer 400 with the
// field's path, nesting and __proto__ keys are refused; nothing is stored for any of them.
import Database from 'better-sqlite3';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DISPATCH_LIMITS } from '@/lib/dispatch/schema';
import { MAX_JSON_DEPTH } from '@/lib/http/body';
import { postJson } from '../support/api-client';
import { startServer, type RunningServer } from '../support/next-server';

const ONE_MIB = 1024 * 1024;

let server: RunningServer;
let db: Database.Database;

beforeAll(async () => {
  server = await startServer();
  db = new Database(path.join(server.dataDir, 'dispatch.sqlite'), { readonly: true });
});
afterAll(async () => {
  db?.close();
  await server?.stop();
});

const runCount = () => (db.prepare('SELECT COUNT(*) AS n FROM runs').get() as { n: number }).n;
const dispatchUrl = () => `${server.url}/api/v1/conversation/dispatch`;
const user = (text: string) => ({ type: 'user', text });
const many = <T>(count: number, item: (index: number) => T) =>
  Array.from({ length: count }, (_value, index) => item(index));
const fn = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  description: 'd',
  parameters: { type: 'object', properties: {} },
  ...extra,
});

describe('body size cap (MAX_BODY_BYTES, default 1 MiB)', () => {
  it('answers 413 CONTENT_TOO_LARGE for a body one byte over 1 MiB with Content-Length, and stores nothing', async () => {
    const before = runCount();
    const body = JSON.stringify({ messages: [user('x')], pad: '' });
    const padded = body.replace('"pad":""', `"pad":"${'p'.repeat(ONE_MIB + 1 - body.length)}"`);
    expect(Buffer.byteLength(padded)).toBe(ONE_MIB + 1);
    const response = await postJson(dispatchUrl(), padded);
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ code: 'CONTENT_TOO_LARGE' });
    expect(runCount()).toBe(before);
  });

  it('answers 413 for a chunked body without Content-Length once it passes the cap', async () => {
    const before = runCount();
    const chunk = `{"messages":[{"type":"user","text":"${'z'.repeat(64 * 1024)}`;
    // node:http on its own connection, so the connection the server closes after refusing is not reused.
    const status = await new Promise<number>((resolve, reject) => {
      const request = http.request(dispatchUrl(), {
        method: 'POST',
        agent: false,
        headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
      });
      request.on('response', (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      });
      request.on('error', reject);
      let sent = 0;
      const write = () => {
        while (sent < 4 * ONE_MIB) {
          sent += chunk.length;
          if (!request.write(chunk)) return void request.once('drain', write);
        }
        request.end();
      };
      write();
    });
    expect(status).toBe(413);
    expect(runCount()).toBe(before);
  });

  it('parses a body just under the cap (the limit is on bytes, not on validity)', async () => {
    const response = await postJson(dispatchUrl(), {
      messages: [user('x'.repeat(DISPATCH_LIMITS.messageText))],
    });
    expect(response.status).toBe(200);
  });
});

const tooLarge: [string, unknown, string][] = [
  ['messages', { messages: many(DISPATCH_LIMITS.messages + 1, () => user('x')) }, 'messages'],
  ['message text', { messages: [user('x'.repeat(DISPATCH_LIMITS.messageText + 1))] }, 'messages.0.text'],
  [
    'attachments',
    {
      messages: [user('x')],
      attachments: many(DISPATCH_LIMITS.attachments + 1, () => ({ url: 'https://a.example' })),
    },
    'attachments',
  ],
  [
    'functions',
    { messages: [user('x')], functions: many(DISPATCH_LIMITS.functions + 1, (i) => fn(`f${i}`)) },
    'functions',
  ],
  [
    'function description',
    {
      messages: [user('x')],
      functions: [fn('f', { description: 'd'.repeat(DISPATCH_LIMITS.description + 1) })],
    },
    'functions.0.description',
  ],
  [
    'function parameters',
    {
      messages: [user('x')],
      functions: [
        fn('f', {
          parameters: {
            type: 'object',
            properties: Object.fromEntries(
              many(DISPATCH_LIMITS.parameters + 1, (i) => [`p${i}`, { type: 'string' }]),
            ),
          },
        }),
      ],
    },
    'functions.0.parameters.properties',
  ],
  [
    'datasets',
    {
      messages: [user('x')],
      extensions: { datasets: many(DISPATCH_LIMITS.datasets + 1, () => ({ records: [] })) },
    },
    'extensions.datasets',
  ],
  [
    'records per dataset',
    {
      messages: [user('x')],
      extensions: {
        datasets: [{ records: many(DISPATCH_LIMITS.recordsPerDataset + 1, () => ({ text: 'r' })) }],
      },
    },
    'extensions.datasets.0.records',
  ],
  [
    'record text',
    {
      messages: [user('x')],
      extensions: { datasets: [{ records: [{ text: 'r'.repeat(DISPATCH_LIMITS.recordText + 1) }] }] },
    },
    'extensions.datasets.0.records.0.text',
  ],
  [
    'skillsets',
    {
      messages: [user('x')],
      extensions: { skillsets: many(DISPATCH_LIMITS.skillsets + 1, () => ({ abilities: [] })) },
    },
    'extensions.skillsets',
  ],
  [
    'abilities',
    {
      messages: [user('x')],
      extensions: {
        skillsets: [
          {
            abilities: many(DISPATCH_LIMITS.abilities + 1, (i) => ({
              name: `a${i}`,
              description: 'd',
              instruction: 'i',
            })),
          },
        ],
      },
    },
    'extensions.skillsets.0.abilities',
  ],
  [
    'ability instruction',
    {
      messages: [user('x')],
      extensions: {
        skillsets: [
          {
            abilities: [
              { name: 'a', description: 'd', instruction: 'i'.repeat(DISPATCH_LIMITS.instruction + 1) },
            ],
          },
        ],
      },
    },
    'extensions.skillsets.0.abilities.0.instruction',
  ],
  [
    'features',
    {
      messages: [user('x')],
      extensions: { features: many(DISPATCH_LIMITS.features + 1, (i) => ({ name: `f${i}` })) },
    },
    'extensions.features',
  ],
  [
    'extensions backstory',
    { messages: [user('x')], extensions: { backstory: 'b'.repeat(DISPATCH_LIMITS.backstory + 1) } },
    'extensions.backstory',
  ],
  ['channel id', { messages: [user('x')], channelId: 'c'.repeat(DISPATCH_LIMITS.id + 1) }, 'channelId'],
  [
    'limits value',
    { messages: [user('x')], limits: { iterations: DISPATCH_LIMITS.limitValue + 1 } },
    'limits.iterations',
  ],
];

describe('documented maxima', () => {
  it.each(tooLarge)(
    '%s over its maximum → 400 with the path, nothing stored',
    async (_name, body, expectedPath) => {
      const before = runCount();
      const response = await postJson(dispatchUrl(), body);
      expect(response.status).toBe(400);
      const error = await response.json();
      expect(error.code).toBe('INVALID_REQUEST');
      expect(error.issues.map((issue: { path: string }) => issue.path)).toContain(expectedPath);
      expect(runCount()).toBe(before);
    },
  );
});

describe('shapes that could hurt the server', () => {
  const nestedMeta = (depth: number) => {
    let meta: Record<string, unknown> = { leaf: true };
    for (let level = 0; level < depth; level += 1) meta = { a: meta };
    return meta;
  };

  it(`refuses JSON nested deeper than ${MAX_JSON_DEPTH} levels with 400 and the path`, async () => {
    const before = runCount();
    const response = await postJson(dispatchUrl(), { messages: [{ ...user('x'), meta: nestedMeta(200) }] });
    expect(response.status).toBe(400);
    const error = await response.json();
    expect(error.issues[0].path).toMatch(/^messages\.0\.meta\.a\.a\.a/);
    expect(error.issues[0].message).toContain(String(MAX_JSON_DEPTH));
    expect(runCount()).toBe(before);
  });

  it('accepts nesting within the limit', async () => {
    const response = await postJson(dispatchUrl(), {
      messages: [{ ...user('x'), meta: nestedMeta(MAX_JSON_DEPTH - 6) }],
    });
    expect(response.status).toBe(200);
  });

  it('refuses 100,000 nested arrays with 400, not a crash', async () => {
    const response = await postJson(dispatchUrl(), `${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    expect(response.status).toBe(400);
  });

  it.each([
    ['top level', '{"__proto__":{"polluted":true},"messages":[{"type":"user","text":"x"}]}', '__proto__'],
    [
      'message meta',
      '{"messages":[{"type":"user","text":"x","meta":{"__proto__":{"polluted":true}}}]}',
      'messages.0.meta.__proto__',
    ],
  ])('refuses a __proto__ key (%s) with 400 and its path', async (_where, body, expectedPath) => {
    const before = runCount();
    const response = await postJson(dispatchUrl(), body);
    expect(response.status).toBe(400);
    expect((await response.json()).issues[0].path).toBe(expectedPath);
    expect(runCount()).toBe(before);
  });

  it('refuses a body that is not UTF-8 with 400', async () => {
    const response = await fetch(dispatchUrl(), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]),
    });
    expect(response.status).toBe(400);
  });
});
