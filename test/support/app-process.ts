// Starts the app the way an operator does (`npm start` → scripts/start.mjs, `npm run worker`, or a
// command from a deploy file), with its output captured, and stops it with a signal to read its exit code.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');

export interface AppProcess {
  process: ChildProcess;
  output(): string;
  /** Lines of the output that are JSON log lines, parsed. */
  logLines(): Record<string, unknown>[];
  /** Resolves with the exit code once the process ends. */
  exited: Promise<number | null>;
  /** Sends the signal and waits for the exit code. */
  signal(signal: NodeJS.Signals): Promise<number | null>;
}

export function spawnApp(
  command: string,
  args: string[],
  env: Record<string, string | undefined>,
): AppProcess {
  let output = '';
  const child = spawn(command, args, {
    cwd: ROOT,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    process: child,
    output: () => output,
    logLines: () =>
      output
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Record<string, unknown>),
    exited,
    async signal(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** The app's exit code if it exits within `ms`, else "still running" (for a start that must stop at once). */
export function exitCodeWithin(app: AppProcess, ms: number): Promise<number | null | 'still running'> {
  return Promise.race([
    app.exited,
    new Promise<'still running'>((resolve) => setTimeout(() => resolve('still running'), ms)),
  ]);
}

/** `npm start` (scripts/start.mjs) on the given port: the production launcher with the graceful drain. */
export function startWithNpmStart(port: number, env: Record<string, string>): AppProcess {
  return spawnApp(process.execPath, ['scripts/start.mjs'], {
    NODE_ENV: 'production',
    PORT: String(port),
    ...env,
  });
}

/** `npm run worker`, as its package.json script runs it. */
export function startWorker(env: Record<string, string>): AppProcess {
  return spawnApp(process.execPath, ['--import', 'tsx', 'lib/worker/main.ts'], env);
}

/** Polls until `check` passes, failing with the app's output past the deadline (or if it exits). */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined | false>,
  app?: AppProcess,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value !== undefined && value !== false) return value;
    if (app && app.process.exitCode !== null) throw new Error(`${what}: the app exited\n${app.output()}`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${app?.output() ?? ''}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export async function readyStatus(
  baseUrl: string,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${baseUrl}/api/health/ready`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

export const waitUntilReady = (baseUrl: string, app?: AppProcess) =>
  waitFor('ready', async () => (await readyStatus(baseUrl)).status === 200, app);
