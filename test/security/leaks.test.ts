// No secret leaks: with API_SECRET, SESSION_SECRET, the upstream API keys and an ability's secretId set
// to known canary values, none of them appears in the built client files, in channel events, in the
// runs API, in a dashboard page or in the server's log output.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch, postJson, subscribe } from '../support/api-client';
import { startBackend } from '../support/backends';
import { startServer, type RunningServer } from '../support/next-server';

const ROOT = path.resolve(import.meta.dirname, '../..');

const CANARIES = {
  API_SECRET: 'canary-api-secret-5b1e0c7d9a',
  SESSION_SECRET: 'canary-session-secret-2f8e41',
  OPENAI_API_KEY: 'sk-canary-openai-key-9d3c2b1a',
  CHATBOTKIT_API_KEY: 'canary-chatbotkit-key-77e5a0',
};
const SECRET_ID = 'canary-secret-id-c4f1d2';
const ALL = [...Object.values(CANARIES), SECRET_ID];
const auth = { authorization: `Bearer ${CANARIES.API_SECRET}` };

const findCanaries = (text: string) => ALL.filter((canary) => text.includes(canary));

/** A stand-in for an OpenAI-compatible upstream that, like the real one, quotes the key it refuses. */
function startFakeUpstream(): Promise<{ url: string; close: () => void }> {
  const server = http.createServer((request, response) => {
    const key = (request.headers.authorization ?? '').replace(/^Bearer /, '');
    request.resume();
    response.writeHead(401, { 'content-type': 'application/json' });
    response.end(
      JSON.stringify({
        error: { message: `Incorrect API key provided: ${key}`, type: 'invalid_request_error' },
      }),
    );
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as { port: number }).port}/v1`,
        close: () => server.close(),
      }),
    ),
  );
}

const withAbility = (text: string, extra: Record<string, unknown> = {}) => ({
  messages: [{ type: 'user', text }],
  extensions: {
    skillsets: [
      {
        name: 'Ops',
        abilities: [
          {
            name: 'deploy',
            description: 'Deploys the service',
            instruction: 'Run the deploy pipeline',
            secretId: SECRET_ID,
          },
        ],
      },
    ],
  },
  ...extra,
});

let server: RunningServer;
let upstream: { url: string; close: () => void };

beforeAll(async () => {
  upstream = await startFakeUpstream();
  server = await startServer({
    env: {
      ...CANARIES,
      OPENAI_BASE_URL: upstream.url,
      LOCAL_TOKEN_DELAY_MS: '0',
      UPSTREAM_TIMEOUT_MS: '5000',
    },
  });
});
afterAll(async () => {
  await server?.stop();
  upstream?.close();
});

describe('secrets at run time', () => {
  it('are in no channel event, runs API answer, complete answer, dashboard page or log line', async () => {
    const seen: string[] = [];
    const runs = [
      await dispatch(server.url, withAbility('please deploy the service'), auth),
      await dispatch(
        server.url,
        withAbility('please deploy the service', { model: 'openai/gpt-test' }),
        auth,
      ),
      // A user who pastes an ability's secretId into a message does not get it echoed into events or
      // the runs API. (Pasting a server key is their own input, shown back as sent, like any text of
      // that shape: test/security/redaction.test.ts shows why that is no oracle.)
      await dispatch(server.url, withAbility(`deploy with ${SECRET_ID}`), auth),
    ];
    for (const channelId of runs) {
      const stream = await subscribe(server.url, channelId, {}, { headers: auth });
      expect(stream.lines.at(-1)?.data.type).toBe('completeEnd');
      seen.push(...stream.raw);
      seen.push(await (await fetch(`${server.url}/api/runs/${channelId}`, { headers: auth })).text());
    }
    seen.push(await (await fetch(`${server.url}/api/runs?limit=200`, { headers: auth })).text());
    const complete = await postJson(
      `${server.url}/api/v1/conversation/complete`,
      withAbility('please deploy'),
      auth,
    );
    seen.push(await complete.text());
    const completeJsonl = await postJson(
      `${server.url}/api/v1/conversation/complete`,
      withAbility('deploy now'),
      {
        ...auth,
        accept: 'application/jsonl',
      },
    );
    seen.push(await completeJsonl.text());
    seen.push(await (await fetch(`${server.url}/api/engines`, { headers: auth })).text());

    const signIn = await postJson(`${server.url}/api/session`, { secret: CANARIES.API_SECRET });
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0];
    seen.push(cookie);
    for (const page of ['/', '/runs', '/sign-in']) {
      seen.push(await (await fetch(`${server.url}${page}`, { headers: { cookie } })).text());
    }
    await postJson(`${server.url}/api/session`, { secret: `${CANARIES.API_SECRET}-wrong` });
    const lastRequest = `leaks-last-${Date.now()}`;
    await fetch(`${server.url}/api/runs`, {
      headers: { authorization: `Bearer ${CANARIES.OPENAI_API_KEY}`, 'x-request-id': lastRequest },
    });

    // The runs did use the secretId (it is stored for the engine) and the openai run did fail upstream.
    expect(seen.join('\n')).toContain('[redacted]');
    expect(findCanaries(seen.join('\n'))).toEqual([]);
    // The log is complete once the last request's own line is in it.
    await expect.poll(() => server.output().includes(lastRequest), { timeout: 20_000 }).toBe(true);
    expect(findCanaries(server.output())).toEqual([]);
  });
});

describe('secrets in Redis mode', () => {
  it('are in no channel event or log line of the web process or the worker that ran the runs', async () => {
    const backend = await startBackend('redis', {
      ...CANARIES,
      OPENAI_BASE_URL: upstream.url,
      UPSTREAM_TIMEOUT_MS: '5000',
    });
    try {
      const seen: string[] = [];
      const bodies = [
        withAbility('please deploy'),
        withAbility('deploy', { model: 'openai/gpt-test' }),
        withAbility(`deploy with ${SECRET_ID}`),
      ];
      for (const body of bodies) {
        const channelId = await dispatch(backend.url, body, auth);
        const stream = await subscribe(backend.url, channelId, {}, { headers: auth });
        expect(stream.lines.at(-1)?.data.type).toBe('completeEnd');
        seen.push(...stream.raw);
        seen.push(await (await fetch(`${backend.url}/api/runs/${channelId}`, { headers: auth })).text());
      }
      expect(seen.join('\n')).toContain('[redacted]');
      expect(findCanaries(seen.join('\n'))).toEqual([]);
      expect(backend.workers[0].output()).toContain('worker ready');
      expect(findCanaries(backend.server.output() + backend.workers[0].output())).toEqual([]);
    } finally {
      await backend.stop();
    }
  });
});

describe('secrets in the build', () => {
  it('are in no built client file even when the build runs with them in its environment', () => {
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'ds-canary-build-'));
    const files = spawnSync('git', ['ls-files', '-co', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' })
      .stdout.split('\n')
      .filter((file) => file && fs.existsSync(path.join(ROOT, file)));
    for (const file of files) fs.cpSync(path.join(ROOT, file), path.join(copy, file), { recursive: true });
    expect(
      spawnSync('cp', ['-al', path.join(ROOT, 'node_modules'), path.join(copy, 'node_modules')]).status,
    ).toBe(0);

    const build = spawnSync(process.execPath, ['node_modules/next/dist/bin/next', 'build'], {
      cwd: copy,
      env: { ...process.env, ...CANARIES, NEXT_TELEMETRY_DISABLED: '1' },
      encoding: 'utf8',
    });
    expect(build.status, build.stdout + build.stderr).toBe(0);

    const clientFiles = (fs.readdirSync(path.join(copy, '.next/static'), { recursive: true }) as string[])
      .map((file) => path.join(copy, '.next/static', file))
      .filter((file) => fs.statSync(file).isFile());
    expect(clientFiles.some((file) => file.endsWith('.js'))).toBe(true);
    const leaks = clientFiles.flatMap((file) =>
      findCanaries(fs.readFileSync(file, 'latin1')).map(
        (canary) => `${path.relative(copy, file)}: ${canary}`,
      ),
    );
    expect(leaks).toEqual([]);
    fs.rmSync(copy, { recursive: true, force: true });
  }, 600_000);
});
