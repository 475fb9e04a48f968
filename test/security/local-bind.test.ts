// `npm start` (scripts/start.mjs): without API_SECRET the server listens on 127.0.0.1 only, unless HOST
// says otherwise, and its start-up log says so; with API_SECRET it listens on every interface.
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { assertBuilt, freePort, tempDataDir } from '../support/next-server';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** An address of this machine other than 127.0.0.1: the first external IPv4, else 127.0.0.2 (still not 127.0.0.1). */
const otherAddress =
  Object.values(os.networkInterfaces())
    .flat()
    .find((info) => info && info.family === 'IPv4' && !info.internal)?.address ?? '127.0.0.2';

const started: ChildProcess[] = [];

afterEach(async () => {
  for (const child of started.splice(0)) {
    if (child.exitCode !== null || child.signalCode !== null) continue;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
});

async function npmStart(env: Record<string, string>): Promise<{ port: number; output: () => string }> {
  assertBuilt();
  const port = await freePort();
  let output = '';
  const { API_SECRET: _secret, HOST: _host, ...inherited } = process.env;
  const child = spawn(process.execPath, ['scripts/start.mjs'], {
    cwd: ROOT,
    env: { ...inherited, PORT: String(port), DATA_DIR: tempDataDir(), NEXT_TELEMETRY_DISABLED: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const deadline = Date.now() + 60_000;
  while (!(await canConnect('127.0.0.1', port)) && !(await canConnect(otherAddress, port))) {
    if (Date.now() > deadline || child.exitCode !== null)
      throw new Error(`npm start did not listen:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { port, output: () => output };
}

function canConnect(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('where npm start listens', () => {
  it(`without API_SECRET: 127.0.0.1 only (not ${otherAddress}), and the log says so`, async () => {
    const server = await npmStart({});
    expect(await canConnect('127.0.0.1', server.port)).toBe(true);
    expect(await canConnect(otherAddress, server.port)).toBe(false);
    expect(server.output()).toContain('API_SECRET is not set: listening on 127.0.0.1 only');
  });

  it('with API_SECRET: every interface, and the log says so', async () => {
    const server = await npmStart({ API_SECRET: 'bind-test-secret-123' });
    expect(await canConnect(otherAddress, server.port)).toBe(true);
    expect(server.output()).toContain('API_SECRET is set: listening on all interfaces');
  });

  it('HOST overrides the default, and the log names it', async () => {
    const server = await npmStart({ HOST: '0.0.0.0' });
    expect(await canConnect(otherAddress, server.port)).toBe(true);
    expect(server.output()).toContain('listening on 0.0.0.0 (from HOST)');
  });
});
