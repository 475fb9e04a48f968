// The server's log as an operator reads it: JSON lines, a request id on every request line (the one sent
// back as X-Request-Id), the channelId on every line of a run, no secret anywhere, and clients that go
// away logged as what they are, not as errors.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch, postJson, subscribe } from '../support/api-client';
import { waitFor } from '../support/app-process';
import { startServer, type RunningServer } from '../support/next-server';

const API_SECRET = 'log-test-api-secret-8f3a9c';
const OPENAI_KEY = 'sk-log-test-openai-77e1d0';
const SECRET_ID = 'secret-id-for-log-test-5b2c';
const AUTH = { authorization: `Bearer ${API_SECRET}` };

let server: RunningServer;

const logLines = () =>
  server
    .output()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);

beforeAll(async () => {
  server = await startServer({
    env: { API_SECRET, OPENAI_API_KEY: OPENAI_KEY, LOCAL_TOKEN_DELAY_MS: '2' },
  });
});
afterAll(async () => {
  await server?.stop();
});

const runEnded = (channelId: string) =>
  waitFor('the run to end in the log', async () =>
    logLines().find((line) => line.msg === 'run ended' && line.channelId === channelId),
  );

describe('structured logs', () => {
  it('log a dispatch as JSON lines with its request id and channelId, and no secret', async () => {
    const response = await postJson(
      `${server.url}/api/v1/conversation/dispatch`,
      {
        messages: [{ type: 'user', text: `repeat 20 ${API_SECRET} ${OPENAI_KEY}` }],
        extensions: {
          skillsets: [
            {
              name: 'Tools',
              abilities: [
                { name: 'lookup', description: 'look up', instruction: 'Look it up', secretId: SECRET_ID },
              ],
            },
          ],
        },
      },
      AUTH,
    );
    expect(response.status).toBe(200);
    const reqId = response.headers.get('x-request-id');
    expect(reqId).toMatch(/^[0-9a-f-]{36}$/);
    const { channelId } = (await response.json()) as { channelId: string };
    const ended = await runEnded(channelId);
    expect(ended).toMatchObject({ level: 'info', role: 'web', status: 'completed', outputTokens: 20 });

    const lines = logLines();
    const requestLine = lines.find((line) => line.msg === 'request' && line.reqId === reqId);
    expect(requestLine).toMatchObject({
      level: 'info',
      method: 'POST',
      path: '/api/v1/conversation/dispatch',
      status: 200,
      channelId,
    });
    expect(typeof requestLine?.time).toBe('string');
    expect(lines.find((line) => line.msg === 'run queued')).toMatchObject({
      reqId,
      channelId,
      engine: 'local',
    });
    // Every line about this run carries its channelId; the run's own lines do not pretend to be the request.
    expect(ended.reqId).toBeUndefined();

    const subscribed = await subscribe(server.url, channelId, {}, { headers: AUTH });
    expect(subscribed.lines.at(-1)?.data.type).toBe('completeEnd');
    await waitFor('the subscribe request line', async () =>
      logLines().find((line) => line.msg === 'request' && String(line.path).endsWith('/subscribe')),
    ).then((line) => expect(line).toMatchObject({ channelId, status: 200, reqId: expect.any(String) }));

    for (const secret of [API_SECRET, OPENAI_KEY, SECRET_ID]) expect(server.output()).not.toContain(secret);
  });

  it('gives pages a request id and a log line too', async () => {
    const page = await fetch(`${server.url}/runs`, { redirect: 'manual' });
    const reqId = page.headers.get('x-request-id');
    expect(reqId).toMatch(/^[0-9a-f-]{36}$/);
    await waitFor('the page request line', async () =>
      logLines().find((line) => line.msg === 'page request' && line.reqId === reqId && line.path === '/runs'),
    );
  });

  it('keeps a request id given by a load balancer', async () => {
    const response = await fetch(`${server.url}/api/v1/schema`, { headers: { 'x-request-id': 'lb-7f00d1' } });
    expect(response.headers.get('x-request-id')).toBe('lb-7f00d1');
    await waitFor('the request line', async () =>
      logLines().find((line) => line.reqId === 'lb-7f00d1' && line.path === '/api/v1/schema'),
    );
    // A value that is not a plain token is replaced, not logged.
    const odd = await fetch(`${server.url}/api/v1/schema`, { headers: { 'x-request-id': 'a b"c' } });
    expect(odd.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('does not log clients that go away as errors', async () => {
    // A dispatch whose client closes the connection half-way through the body.
    await new Promise<void>((resolve, reject) => {
      const socket = net.connect(server.port, '127.0.0.1', () => {
        socket.write(
          'POST /api/v1/conversation/dispatch HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n' +
            `Authorization: Bearer ${API_SECRET}\r\nContent-Length: 100000\r\n\r\n{"messages":[`,
          () => setTimeout(() => socket.destroy(), 200),
        );
      });
      socket.on('close', () => resolve());
      socket.on('error', reject);
    });
    await waitFor('the aborted dispatch in the log', async () =>
      logLines().find(
        (line) =>
          line.path === '/api/v1/conversation/dispatch' &&
          (line.clientAborted === true || line.level === 'error'),
      ),
    );

    // A subscriber that drops the connection mid-run.
    const channelId = await dispatch(server.url, { messages: [{ type: 'user', text: 'repeat 300' }] }, AUTH);
    const partial = await subscribe(
      server.url,
      channelId,
      {},
      { headers: AUTH, onLine: (line) => line.id !== '5' },
    );
    expect(partial.lines).toHaveLength(5);
    await runEnded(channelId);

    expect(logLines().filter((line) => line.level === 'error' || line.level === 'fatal')).toEqual([]);
    expect(server.output()).not.toMatch(/\berror\b.*aborted|ECONNRESET|Error: aborted/i);
  });
});
