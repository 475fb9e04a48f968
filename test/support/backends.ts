// The two backends every contract test runs against: the embedded default (SQLite, in-process queue)
// and Redis (a web process with RUN_WORKER=false plus a separate `npm run worker` process).
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { dropPrefix, REDIS_URL, testRedis, uniquePrefix } from './redis';
import { startServer, tempDataDir, type RunningServer } from './next-server';

const ROOT = path.resolve(import.meta.dirname, '../..');

export const BACKENDS = ['embedded', 'redis'] as const;
export type BackendName = (typeof BACKENDS)[number];

export interface WorkerProcess {
  process: ChildProcess;
  output(): string;
  stop(): Promise<void>;
  kill(): Promise<void>;
}

/**
 * What `npm run worker` runs (node --import tsx lib/worker/main.ts: one process, so a SIGKILL really
 * kills the worker), with the given environment; resolves once it is ready.
 */
export async function startWorker(env: Record<string, string>): Promise<WorkerProcess> {
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'lib/worker/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, LOCAL_TOKEN_DELAY_MS: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk;
      if (output.includes('worker ready')) resolve();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', () => reject(new Error(`worker exited early:\n${output}`)));
    setTimeout(() => reject(new Error(`worker did not become ready:\n${output}`)), 30_000);
  });
  const stopWith = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return {
    process: child,
    output: () => output,
    stop: () => stopWith('SIGTERM'),
    kill: () => stopWith('SIGKILL'),
  };
}

export interface RunningBackend {
  name: BackendName;
  url: string;
  server: RunningServer;
  workers: WorkerProcess[];
  /** The key prefix of the Redis backend's data (undefined on the embedded one). */
  redisPrefix?: string;
  /** The highest seq the store holds for a channel, read directly from SQLite or Redis. */
  storedLastSeq(channelId: string): Promise<number>;
  /** Starts another worker process on the same Redis prefix (Redis only). */
  addWorker(): Promise<WorkerProcess>;
  /** Stops every process and starts them again on the same data (SQLite file / Redis prefix); `url` changes. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export async function startBackend(
  name: BackendName,
  env: Record<string, string> = {},
): Promise<RunningBackend> {
  if (name === 'embedded') {
    const server = await startServer({ env, dataDir: tempDataDir() });
    const { default: Database } = await import('better-sqlite3');
    const backend: RunningBackend = {
      name,
      url: server.url,
      server,
      workers: [],
      addWorker: () => Promise.reject(new Error('The embedded backend has no workers')),
      async restart() {
        await backend.server.stop();
        backend.server = await startServer({ env, dataDir: server.dataDir });
        backend.url = backend.server.url;
      },
      async storedLastSeq(channelId) {
        const db = new Database(path.join(server.dataDir, 'dispatch.sqlite'), { readonly: true });
        try {
          return (
            (
              db
                .prepare('SELECT MAX(last_seq) AS seq FROM event_batches JOIN channel_keys ON key = channel_key WHERE channel_id = ?')
                .get(channelId) as {
                seq: number | null;
              }
            ).seq ?? 0
          );
        } finally {
          db.close();
        }
      },
      stop: () => backend.server.stop(),
    };
    return backend;
  }
  const prefix = uniquePrefix('api');
  const redisEnv = { REDIS_URL, REDIS_KEY_PREFIX: prefix, ...env };
  const inspector = testRedis();
  const server = await startServer({ env: { ...redisEnv, RUN_WORKER: 'false' } });
  const workers = [await startWorker(redisEnv)];
  const backend: RunningBackend = {
    name,
    url: server.url,
    server,
    workers,
    redisPrefix: prefix,
    async addWorker() {
      const worker = await startWorker(redisEnv);
      backend.workers.push(worker);
      return worker;
    },
    async restart() {
      await Promise.all([backend.server.stop(), ...backend.workers.map((worker) => worker.stop())]);
      backend.server = await startServer({ env: { ...redisEnv, RUN_WORKER: 'false' } });
      backend.url = backend.server.url;
      backend.workers = [await startWorker(redisEnv)];
    },
    async storedLastSeq(channelId) {
      // The last stream entry is the last batch: its first seq plus its count, less one.
      const [last] = await inspector.xrevrange(`${prefix}events:${channelId}`, '+', '-', 'COUNT', 1);
      if (!last) return 0;
      const fields = last[1];
      return Number(last[0].split('-')[0]) + Number(fields[fields.indexOf('n') + 1]) - 1;
    },
    async stop() {
      await Promise.all([backend.server.stop(), ...backend.workers.map((worker) => worker.stop())]);
      await dropPrefix(inspector, prefix);
      await inspector.quit();
    },
  };
  return backend;
}
