// Thousands of generated and mutated hostile requests against a real server: none gets a 5xx, every
// refusal is JSON with a code, and nothing is stored for a refused request (checked in the SQLite file).
import Database from 'better-sqlite3';
import fc from 'fast-check';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch, subscribe } from '../support/api-client';
import { startServer, type RunningServer } from '../support/next-server';
import { hostileRequest, type FuzzRequest } from './fuzz-payloads';

const BODY_RUNS = 2_400;
const QUERY_RUNS = 300;

let server: RunningServer;
let db: Database.Database;
let endedChannel: string;

beforeAll(async () => {
  server = await startServer({ env: { CHANNEL_WAIT_TIMEOUT_MS: '300', MAX_QUEUED_RUNS: '5000' } });
  db = new Database(path.join(server.dataDir, 'dispatch.sqlite'), { readonly: true });
  endedChannel = await dispatch(server.url, { messages: [{ type: 'user', text: 'repeat 3' }] });
  await subscribe(server.url, endedChannel);
});
afterAll(async () => {
  db?.close();
  await server?.stop();
});

const stored = () => ({
  runs: (db.prepare('SELECT COUNT(*) AS n FROM runs').get() as { n: number }).n,
  messages: (db.prepare('SELECT COUNT(*) AS n FROM channel_messages').get() as { n: number }).n,
});

const endpoint = fc.constantFrom(
  '/api/v1/conversation/dispatch',
  '/api/v1/conversation/dispatch',
  '/api/v1/conversation/complete',
  '/api/v1/channel/fuzz-target/publish',
  '/api/v1/channel/no-such-channel/subscribe',
  '/api/v1/channel/ENDED/subscribe',
  '/api/session',
);

async function send(target: string, request: FuzzRequest): Promise<{ status: number; text: string }> {
  const response = await fetch(`${server.url}${target.replace('ENDED', endedChannel)}`, {
    method: 'POST',
    headers: request.contentType === undefined ? {} : { 'content-type': request.contentType },
    body: request.body,
    signal: AbortSignal.timeout(30_000),
  });
  return { status: response.status, text: await response.text() };
}

describe('fuzzing the API with hostile bodies', () => {
  it(`answers ${BODY_RUNS} generated requests without a 5xx and stores nothing for a refused one`, async () => {
    const seen = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(endpoint, hostileRequest, async (target, request) => {
        const before = stored();
        const { status, text } = await send(target, request);
        seen.set(`${request.kind} ${status}`, (seen.get(`${request.kind} ${status}`) ?? 0) + 1);
        expect(status, `${target} ${request.kind}: ${text.slice(0, 300)}`).toBeLessThan(500);
        if (status !== 200) {
          const error = JSON.parse(text) as { code?: unknown; message?: unknown };
          expect(typeof error.code).toBe('string');
          expect(typeof error.message).toBe('string');
          const after = stored();
          expect(after.runs).toBe(before.runs);
          expect(after.messages).toBeLessThanOrEqual(before.messages);
        }
      }),
      { numRuns: BODY_RUNS, endOnFailure: true },
    );
    // The generators reached every kind of refusal (and some requests were valid).
    const statuses = new Set([...seen.keys()].map((key) => key.split(' ')[1]));
    for (const status of ['200', '400', '404', '413']) expect(statuses).toContain(status);
    console.log('[fuzz] kind and status counts', Object.fromEntries([...seen].sort()));
  }, 600_000);

  it(`answers ${QUERY_RUNS} generated run-list queries and channel ids without a 5xx`, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ maxLength: 600 }),
        fc.string({ maxLength: 40 }),
        async (value, channel) => {
          const query = `status=${encodeURIComponent(value)}&limit=${encodeURIComponent(value)}&cursor=${encodeURIComponent(value)}`;
          const list = await fetch(`${server.url}/api/runs?${query}`);
          expect(list.status).toBeLessThan(500);
          await list.arrayBuffer();
          const one = await fetch(`${server.url}/api/runs/${encodeURIComponent(channel) || 'x'}`);
          expect(one.status).toBeLessThan(500);
          await one.arrayBuffer();
        },
      ),
      { numRuns: QUERY_RUNS },
    );
  }, 300_000);
});
