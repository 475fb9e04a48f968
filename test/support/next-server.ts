// Starts the real built app the way `npm start` does (scripts/start.mjs: the lean wire server in front of
// Next) on a free port with its own DATA_DIR, for tests and benchmarks.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { assertFreshBuild } from './build-freshness';

const ROOT = path.resolve(import.meta.dirname, '../..');

export interface RunningServer {
  url: string;
  port: number;
  dataDir: string;
  process: ChildProcess;
  /** Everything the server printed (stdout and stderr). */
  output(): string;
  stop(): Promise<void>;
  /** SIGKILL, as a crash would. */
  kill(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Refuses to start a build that is missing or older than the code (see build-freshness.ts). */
export const assertBuilt = (): void => assertFreshBuild(ROOT);

export function tempDataDir(prefix = 'ds-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/**
 * How the server is started: `npm start` (scripts/start.mjs), as operators and every test do; or Next's own
 * `next start` on the same build, where the wire API goes through Next's route handlers (bench only: the
 * figures without the lean wire layer, BENCH_THROUGH_NEXT=1).
 */
export type Launcher = 'npm start' | 'next start' | 'next dev';

/**
 * SERVER_CPU_PROFILE_DIR: each server started here writes a V8 CPU profile of its main thread (and its
 * worker threads) into that folder when it stops, to see where a benchmark's server time goes.
 */
export function profileArgs(): string[] {
  const folder = process.env.SERVER_CPU_PROFILE_DIR;
  return folder ? ['--cpu-prof', `--cpu-prof-dir=${folder}`] : [];
}

function launchArgs(launcher: Launcher, port: number): string[] {
  if (launcher === 'npm start') return [path.join(ROOT, 'scripts/start.mjs')];
  const command = launcher === 'next dev' ? 'dev' : 'start';
  return [path.join(ROOT, 'node_modules/next/dist/bin/next'), command, '-p', String(port), '-H', '127.0.0.1'];
}

export async function startServer(
  options: { env?: Record<string, string>; dataDir?: string; port?: number; launcher?: Launcher } = {},
): Promise<RunningServer> {
  const launcher = options.launcher ?? 'npm start';
  if (launcher !== 'next dev') assertBuilt();
  const port = options.port ?? (await freePort());
  const dataDir = options.dataDir ?? tempDataDir();
  let output = '';
  const child = spawn(process.execPath, [...profileArgs(), ...launchArgs(launcher, port)], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: launcher === 'next dev' ? 'development' : 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOCAL_TOKEN_DELAY_MS: '0',
      // stop() drains as `npm start` does; runs still going are ended at once rather than awaited.
      SHUTDOWN_GRACE_MS: '0',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const url = `http://127.0.0.1:${port}`;
  await waitUntilReady(url, child, () => output);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stopWith = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return {
    url,
    port,
    dataDir,
    process: child,
    output: () => output,
    stop: () => stopWith('SIGTERM'),
    kill: () => stopWith('SIGKILL'),
  };
}

async function waitUntilReady(url: string, child: ChildProcess, output: () => string): Promise<void> {
  // `next dev` compiles the first route it is asked for, which takes a while on a busy machine.
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited early:\n${output()}`);
    try {
      const response = await fetch(`${url}/api/v1/schema`);
      await response.arrayBuffer();
      if (response.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`the server did not become ready:\n${output()}`);
}
