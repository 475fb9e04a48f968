// The builder's "Code" dialog, pasted and run as a person would: the cURL lines in sh, the fetch lines as
// a Node module, the @chatbotkit/sdk lines as TypeScript, the Python lines in python3. Each one dispatches to a real server and the run
// it starts completes, with and without the server's API secret.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeSnippets, type CodeSnippet } from '@/lib/client/code-snippets';
import { subscribe } from '../support/api-client';
import { startServer, type RunningServer } from '../support/next-server';
import { snippetRequest } from '../support/snippet-request';

const run = promisify(execFile);
const SECRET = 'snippet-secret';
// Inside the project, so that `@chatbotkit/sdk` and tsx resolve to the installed packages.
const dir = mkdtempSync(path.join(process.cwd(), '.snippet-run-'));

let open: RunningServer;
let guarded: RunningServer;

beforeAll(async () => {
  [open, guarded] = await Promise.all([startServer(), startServer({ env: { API_SECRET: SECRET } })]);
});
afterAll(async () => {
  await Promise.all([open?.stop(), guarded?.stop()]);
  rmSync(dir, { recursive: true, force: true });
});

function snippet(server: RunningServer, id: CodeSnippet['id']): string {
  const all = codeSnippets(snippetRequest, {
    origin: server.url,
    timezone: 'Europe/Paris',
    needsSecret: server === guarded,
  });
  return all.find((each) => each.id === id)?.code ?? '';
}

/** Runs `command` with the secret in the environment, as the snippets ask; its standard output. */
async function output(command: string, args: string[]): Promise<string> {
  const { stdout } = await run(command, args, {
    cwd: process.cwd(),
    env: { ...process.env, API_SECRET: SECRET },
    timeout: 60_000,
  });
  return stdout;
}

/** How the run of `channelId` ended, read from the server. */
async function endOf(server: RunningServer, channelId: string): Promise<string | undefined> {
  const headers: Record<string, string> = server === guarded ? { authorization: `Bearer ${SECRET}` } : {};
  const { lines } = await subscribe(server.url, channelId, {}, { headers });
  return lines.at(-1)?.data.type;
}

describe.each([
  ['a server without a secret', () => open],
  ['a server with API_SECRET', () => guarded],
])('the builder’s code snippets, run against %s', (_name, server) => {
  it('cURL: dispatches, prints where to watch, and follows the run to its end', async () => {
    const stdout = await output('sh', ['-c', snippet(server(), 'curl')]);
    const [first, ...lines] = stdout.trim().split('\n');
    expect(first).toMatch(new RegExp(`^Live view: ${server().url}/runs/\\S+$`));
    // Each line as the wire sends it: {type: 'message', data: {type, data}}.
    const events = lines.map((line) => (JSON.parse(line) as { data: { type: string } }).data.type);
    expect(events[0]).toBe('completeBegin');
    expect(events).toContain('result');
    expect(events.at(-1)).toBe('completeEnd');
  });

  it('Python: dispatches, prints where to watch, and prints each event of the run to its end', async () => {
    const file = path.join(dir, `python-${server().port}.py`);
    writeFileSync(file, snippet(server(), 'python'));
    const [first, ...lines] = (await output('python3', [file])).trim().split('\n');
    expect(first).toMatch(new RegExp(`^Live view: ${server().url}/runs/\\S+$`));
    // Each event as Python prints a dict: {'type': 'message', 'data': {'type': 'completeBegin', ...}}.
    const types = lines.map((line) => /'data': \{'type': '(\w+)'/.exec(line)?.[1]);
    expect(types[0]).toBe('completeBegin');
    expect(types).toContain('result');
    expect(types.at(-1)).toBe('completeEnd');
  });

  it('fetch: dispatches and gets the channel id of a run that completes', async () => {
    const file = path.join(dir, `fetch-${server().port}.mjs`);
    writeFileSync(file, `${snippet(server(), 'fetch')}\nconsole.log(channelId);\n`);
    const channelId = (await output(process.execPath, [file])).trim();
    expect(channelId).toMatch(/^\S+$/);
    expect(await endOf(server(), channelId)).toBe('completeEnd');
  });

  it('@chatbotkit/sdk: dispatches and prints each event of the run to its end', async () => {
    const file = path.join(dir, `sdk-${server().port}.ts`);
    writeFileSync(file, snippet(server(), 'sdk'));
    const stdout = await output(process.execPath, ['--import', 'tsx', file]);
    expect(stdout).toContain("type: 'completeBegin'");
    expect(stdout).toContain("type: 'result'");
    expect(stdout.trim().split('\n').at(-1)).toContain("type: 'completeEnd'");
  });
});

it('the Python snippet says what the server refused, with the field, instead of a traceback', async () => {
  const code = codeSnippets(
    { messages: [{ type: 'user', text: 'Hi' }], limits: { iterations: -1 } },
    { origin: open.url, timezone: 'UTC', needsSecret: false },
  ).find((each) => each.id === 'python')?.code;
  const file = path.join(dir, 'python-refused.py');
  writeFileSync(file, code ?? '');
  const refused = await run('python3', [file]).then(
    () => undefined,
    (error: { code: number; stderr: string }) => error,
  );
  expect(refused?.code).toBe(1);
  expect(refused?.stderr).toContain('limits.iterations');
  expect(refused?.stderr).not.toContain('Traceback');
});
