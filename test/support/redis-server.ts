// A redis-server process of a test's own (never the shared one on 6379): tests stop and restart it.
import { spawn, type ChildProcess } from 'node:child_process';
import { freePort } from './next-server';

export interface OwnRedis {
  url: string;
  port: number;
  /** Starts it again on the same port after stop(). */
  start(): Promise<void>;
  stop(): Promise<void>;
}

async function spawnRedis(port: number, args: string[]): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await new Promise<void>((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk) => {
      output += chunk;
      if (output.includes('Ready to accept connections')) resolve();
    });
    child.once('error', reject);
    child.once('exit', () => reject(new Error(`redis-server exited:\n${output}`)));
  });
  return child;
}

/** An in-memory redis-server (no RDB, no AOF) on a free port. */
export async function startOwnRedis(
  args: string[] = ['--save', '', '--appendonly', 'no'],
): Promise<OwnRedis> {
  const port = await freePort();
  let child: ChildProcess | undefined = await spawnRedis(port, args);
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    async start() {
      child = await spawnRedis(port, args);
    },
    async stop() {
      const running = child;
      child = undefined;
      if (!running || running.exitCode !== null) return;
      const exited = new Promise((resolve) => running.once('exit', resolve));
      running.kill('SIGTERM');
      await exited;
    },
  };
}
