// What a figure measures against: the app on the embedded store, the app on Redis (web server plus one
// worker), or the raw anchor. Each figure starts its own fresh target and stops it afterwards.
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import readline from 'node:readline';
import { SqliteRunStore } from '../lib/backends/embedded/sqlite-store';
import { startServer, tempDataDir, type Launcher } from '../test/support/next-server';
import { dispatchRun, readSubscription, repeatRequest, subscribeUrl } from './http-client';
import { ROOT, spawnTs } from './spawn-ts';

export { ROOT };
export const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const WORKER_ENTRY = path.join(ROOT, 'lib/worker/main.ts');

export type Backend = 'embedded' | 'redis';

/** BENCH_THROUGH_NEXT=1: the app started with `next start`, its wire API through Next (the figures before the lean layer). */
const LAUNCHER: Launcher = process.env.BENCH_THROUGH_NEXT === '1' ? 'next start' : 'npm start';

export interface Target {
  name: Backend | 'raw' | 'resumable-stream';
  url: string;
  /** Root pids whose process trees make up the server side (for RSS). */
  pids(): number[];
  /** When each event of a channel was stored (epoch ms, index = seq - 1), where the target can tell. */
  storedAt(channelId: string): Promise<number[] | undefined>;
  /** What the app's processes printed, where the target keeps it (to say why a figure failed). */
  output?(): string;
  stop(): Promise<void>;
}

export interface TargetOptions {
  tokenDelayMs?: number;
  /** The raw anchor relays this OpenAI-compatible upstream instead of producing `repeat N` tokens. */
  upstreamUrl?: string;
  env?: Record<string, string>;
  /** Worker processes beside the web server on Redis (1). */
  workers?: number;
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

/** Starts a bench helper process that prints "listening <port>"; resolves with its port. */
async function spawnListening(
  entry: string,
  env: Record<string, string>,
): Promise<{ child: ChildProcess; port: number }> {
  const child = spawnTs(path.join(ROOT, entry), env);
  child.stderr?.pipe(process.stderr);
  const port = await new Promise<number>((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      const match = /^listening (\d+)$/.exec(line);
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`${entry} exited with ${code}`)));
  });
  return { child, port };
}

/** The paced OpenAI-compatible upstream (bench/paced-upstream.ts); stop() ends it. */
export async function startPacedUpstream(tokens: number, delayMs: number) {
  const { child, port } = await spawnListening('bench/paced-upstream.ts', {
    PACED_TOKENS: String(tokens),
    PACED_DELAY_MS: String(delayMs),
  });
  return { baseUrl: `http://127.0.0.1:${port}/v1`, stop: () => stopChild(child) };
}

/** A bench server of its own that speaks dispatch/subscribe and the /bench switches (anchor or peer). */
async function startBenchServer(
  name: 'raw' | 'resumable-stream',
  entry: string,
  options: TargetOptions,
): Promise<Target> {
  const { child, port } = await spawnListening(entry, {
    RAW_TOKEN_DELAY_MS: String(options.tokenDelayMs ?? 0),
    RAW_UPSTREAM_URL: options.upstreamUrl ?? '',
    PEER_REDIS_URL: REDIS_URL,
  });
  const url = `http://127.0.0.1:${port}`;
  return {
    name,
    url,
    pids: () => [child.pid!],
    async storedAt(channelId) {
      const response = await fetch(`${url}/bench/stored-at/${channelId}`);
      return (await response.json()) as number[];
    },
    stop: () => stopChild(child),
  };
}

export const startRawAnchor = (options: TargetOptions = {}) =>
  startBenchServer('raw', 'bench/raw-anchor.ts', options);

/** Vercel's resumable-stream on the same Redis (bench/resumable-peer.ts). */
export const startResumablePeer = (options: TargetOptions = {}) =>
  startBenchServer('resumable-stream', 'bench/resumable-peer.ts', options);

function serverEnv(options: TargetOptions): Record<string, string> {
  return { LOCAL_TOKEN_DELAY_MS: String(options.tokenDelayMs ?? 0), ...options.env };
}

export async function startEmbedded(options: TargetOptions = {}): Promise<Target> {
  const dataDir = tempDataDir('ds-bench-');
  const server = await startServer({ env: serverEnv(options), dataDir, launcher: LAUNCHER });
  let store: SqliteRunStore | undefined;
  return {
    name: 'embedded',
    url: server.url,
    pids: () => [server.process.pid!],
    async storedAt(channelId) {
      // The app's own SQLite file, opened read-only beside it (WAL allows a concurrent reader).
      store ??= new SqliteRunStore(path.join(dataDir, 'dispatch.sqlite'), { readonly: true });
      return (await store.readEventJson(channelId, 0, Number.MAX_SAFE_INTEGER)).map((event) => event.at);
    },
    async stop() {
      await store?.close();
      await server.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function redisReachable(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port || 6379) });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
    socket.once('connect', () => socket.write('PING\r\n'));
  });
}

/** Why the Redis backend cannot be benchmarked here, or undefined when it can be tried. */
export async function redisUnavailableReason(): Promise<string | undefined> {
  if (!fs.existsSync(WORKER_ENTRY)) return 'backend not available (no lib/worker/main.ts in this build)';
  if (!(await redisReachable(REDIS_URL))) return `backend not available (no Redis answering at ${REDIS_URL})`;
  return undefined;
}

/** Removes every key under `prefix` from the benchmark's Redis. */
export async function deleteKeys(prefix: string): Promise<void> {
  const { Redis } = await import('ioredis');
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/** The app on Redis: a web server that does not execute runs (RUN_WORKER=false) and worker processes (one by default). */
export async function startRedis(options: TargetOptions = {}): Promise<Target> {
  const prefix = `bench-${process.pid}-${Date.now()}:`;
  const env = { ...serverEnv(options), REDIS_URL, REDIS_KEY_PREFIX: prefix, RUN_WORKER: 'false' };
  const dataDir = tempDataDir('ds-bench-redis-');
  const server = await startServer({ env, dataDir, launcher: LAUNCHER });
  let workerOutput = '';
  const workers = Array.from({ length: options.workers ?? 1 }, () => {
    const worker = spawnTs(WORKER_ENTRY, { ...env, DATA_DIR: dataDir });
    worker.stdout?.on('data', (chunk) => (workerOutput += chunk));
    worker.stderr?.on('data', (chunk) => (workerOutput += chunk));
    return worker;
  });
  const stop = async () => {
    await Promise.all([server.stop(), ...workers.map(stopChild)]);
    await deleteKeys(prefix).catch(() => undefined);
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    // A probe run proves the backend works end to end before anything is measured.
    const channelId = await dispatchRun(server.url, repeatRequest(1));
    let ended = false;
    const probe = readSubscription(subscribeUrl(server.url, channelId), {}, (_seq, type) => {
      if (type === 'completeEnd') ended = true;
    });
    await Promise.race([probe, new Promise((resolve) => setTimeout(resolve, 15_000))]);
    if (!ended)
      throw new Error(
        `the probe run did not complete\n${server.output().slice(-2000)}\n${workerOutput.slice(-2000)}`,
      );
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    name: 'redis',
    url: server.url,
    pids: () => [server.process.pid!, ...workers.map((worker) => worker.pid!)],
    storedAt: async () => undefined,
    output: () => `${server.output()}\n${workerOutput}`,
    stop,
  };
}

export function startBackend(backend: Backend, options: TargetOptions = {}): Promise<Target> {
  return backend === 'embedded' ? startEmbedded(options) : startRedis(options);
}

async function waitForStatus(target: Target, channelId: string, status: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const answer = (await (await fetch(`${target.url}/api/runs/${channelId}`)).json()) as {
      run?: { status?: string };
    };
    if (answer.run?.status === status) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`run ${channelId} did not reach ${status}`);
}

/** Dispatches a run that waits for a function result only the benchmark gives (by cancelling it). */
async function dispatchBlocker(target: Target, index: number): Promise<string> {
  const blocker = await dispatchRun(target.url, {
    messages: [{ type: 'user', text: 'Hold the queue' }],
    functions: [
      {
        name: 'holdQueue',
        description: 'Waits for a result that only comes when the benchmark releases it',
        parameters: { type: 'object', properties: {} },
        result: { channel: `bench-hold-${Date.now()}-${index}` },
        call: { start: true },
      },
    ],
  });
  await waitForStatus(target, blocker, 'waiting');
  return blocker;
}

/**
 * Keeps new runs queued until the returned release() is called, so subscribers can all be connected
 * before the first event. On the app (started with MAX_CONCURRENT_RUNS=1) runs waiting for a function
 * result hold the only slot; release cancels them. The embedded queue lends a waiting run's slot to queued
 * work while no other slot is lent (lib/runs/fair-slots.ts), so there it takes two: the second waits on
 * the first's lent slot and keeps it. BullMQ keeps a waiting job's slot, so one is enough on Redis. The
 * raw anchor and the peer have a switch for this.
 */
export async function holdRuns(target: Target): Promise<() => Promise<void>> {
  if (target.name === 'raw' || target.name === 'resumable-stream') {
    await fetch(`${target.url}/bench/hold`, { method: 'POST' });
    return async () => void (await fetch(`${target.url}/bench/release`, { method: 'POST' }));
  }
  const blockers = [await dispatchBlocker(target, 0)];
  if (target.name === 'embedded') blockers.push(await dispatchBlocker(target, 1));
  return async () => {
    const answers = await Promise.all(
      blockers.map((blocker) => fetch(`${target.url}/api/runs/${blocker}/cancel`, { method: 'POST' })),
    );
    const refused = answers.find((response) => !response.ok);
    if (refused) throw new Error(`releasing the hold answered ${refused.status}`);
  };
}
