// Capacity at a model's pace: many runs at once, each paced like a real model and followed by its own
// subscriber, while a dashboard request is made every 100 ms. Reports wall time against the ideal (one
// run's pace), server CPU per streamed token, and the p99 of the dashboard requests made meanwhile.
import { on } from 'node:events';
import path from 'node:path';
import readline from 'node:readline';
import { Worker } from 'node:worker_threads';
import { formatNumber, type FigureResult } from '../figure';
import { dispatchRun, readSubscription, subscribeUrl } from '../http-client';
import { megabytes, sampleRss, treeCpuTicks, treeMainThreadCpuTicks, waitUntilIdle, waitUntilMachineQuiet } from '../proc';
import { ROOT, spawnTs } from '../spawn-ts';
import { percentile, round } from '../stats';
import type { Target } from '../targets';

export interface CapacityShape {
  /** "openai" (the paced upstream) or "local" (the local engine at its own pace). */
  engine: 'openai' | 'local';
  runs: number;
  tokensPerRun: number;
  /** Milliseconds between tokens, for the ideal wall time. */
  paceMs: number;
}

export interface CapacityRun {
  wallSeconds: number;
  idealSeconds: number;
  cpuMicrosPerToken: number;
  /** The serving threads' share of it (each server process's main thread). */
  servingThreadCpuMicrosPerToken: number;
  dashboardP99Ms: number;
  dashboardMaxMs: number;
  /** The benchmark's own CPU (its thousand streams read on the same 2 cores), per token. */
  clientCpuMicrosPerToken: number;
  incompleteRuns: number;
  peakRssMb: number;
}

export const CAPACITY_TARGETS = { cpuMicrosPerToken: 20, wallRatio: 1.3, dashboardP99Ms: 100 };

/**
 * GET `url` every 100 ms (one at a time) from a worker thread until stopped, once a first request was
 * answered; returns every later answer's latency. In a thread of its own, the benchmark's main loop (busy reading every run's stream) does not
 * delay the probe's own timing.
 */
async function probeRequests(url: string) {
  const worker = new Worker(new URL('../request-prober.mjs', import.meta.url), { workerData: { url } });
  const messages = on(worker, 'message');
  const next = async () => ((await messages.next()).value as unknown[])[0];
  await next(); // 'ready': connected, and one request answered
  const samples = next() as Promise<number[]>;
  return async () => {
    worker.postMessage('stop');
    const latencies = await samples;
    await worker.terminate();
    return latencies;
  };
}

const requestFor = (shape: CapacityShape) =>
  shape.engine === 'openai'
    ? { model: 'openai/paced', messages: [{ type: 'user', text: 'Tell me a story' }] }
    : { messages: [{ type: 'user', text: `repeat ${shape.tokensPerRun}` }] };

/** What a measurement needs of its target: where it answers and which processes make up its server side. */
type Measured = Pick<Target, 'url' | 'pids'>;

async function runAndFollow(target: Measured, shape: CapacityShape): Promise<boolean> {
  const channelId = await dispatchRun(target.url, requestFor(shape));

  let ended = false;
  await readSubscription(subscribeUrl(target.url, channelId), {}, (_seq, type) => {
    if (type === 'completeEnd') ended = true;
  });
  return ended;
}

const cpuTicks = (target: Measured) => target.pids().reduce((sum, pid) => sum + treeCpuTicks(pid), 0);
const servingThreadCpuTicks = (target: Measured) =>
  target.pids().reduce((sum, pid) => sum + treeMainThreadCpuTicks(pid), 0);

export async function measureCapacity(target: Measured, shape: CapacityShape): Promise<CapacityRun> {
  const rss = sampleRss(() => target.pids());
  const stopProbe = await probeRequests(`${target.url}/api/engines`);
  const ticksBefore = cpuTicks(target);
  const servingTicksBefore = servingThreadCpuTicks(target);
  const clientCpuBefore = process.cpuUsage();
  const started = performance.now();
  const ended = await Promise.all(Array.from({ length: shape.runs }, () => runAndFollow(target, shape)));
  const wallSeconds = (performance.now() - started) / 1000;
  const ticks = cpuTicks(target) - ticksBefore;
  const servingTicks = servingThreadCpuTicks(target) - servingTicksBefore;
  const clientCpu = process.cpuUsage(clientCpuBefore);
  const probes = await stopProbe();
  const { peakBytes } = rss.stop();
  const tokens = shape.runs * shape.tokensPerRun;
  return {
    wallSeconds,
    idealSeconds: (shape.tokensPerRun * shape.paceMs) / 1000,
    // Clock ticks are 1/100 s.
    cpuMicrosPerToken: (ticks * 10_000) / tokens,
    servingThreadCpuMicrosPerToken: (servingTicks * 10_000) / tokens,
    dashboardP99Ms: percentile(probes, 99),
    dashboardMaxMs: Math.max(0, ...probes),
    clientCpuMicrosPerToken: (clientCpu.user + clientCpu.system) / tokens,
    incompleteRuns: ended.filter((ok) => !ok).length,
    peakRssMb: megabytes(peakBytes),
  };
}

/** One measurement handed to bench/capacity-client.ts. */
export interface CapacityJob {
  url: string;
  pids: number[];
  shape: CapacityShape;
}

/**
 * measureCapacity in a client process of its own (bench/capacity-client.ts), started once the target
 * and the machine are quiet. With the client in the benchmark's own process, the app's CPU per token
 * depended on what that process had measured before (and the app always came after its anchor): each
 * measurement now starts from the same client state, whichever side and whatever ran before.
 */
export async function measureCapacityApart(target: Target, shape: CapacityShape): Promise<CapacityRun> {
  await waitUntilIdle(target.pids());
  if (!(await waitUntilMachineQuiet()))
    process.stderr.write(
      '[bench] capacity: the machine is not quiet (something else runs); measuring anyway\n',
    );
  const job: CapacityJob = { url: target.url, pids: target.pids(), shape };
  const child = spawnTs(path.join(ROOT, 'bench/capacity-client.ts'), { CAPACITY_JOB: JSON.stringify(job) });
  child.stderr?.pipe(process.stderr);
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  let result: CapacityRun | undefined;
  for await (const line of readline.createInterface({ input: child.stdout! })) {
    if (line.startsWith('result ')) result = JSON.parse(line.slice('result '.length)) as CapacityRun;
  }
  const code = await exited;
  if (!result) throw new Error(`the capacity client exited with ${code} and no result`);
  return result;
}

const ONE_PROCESS_TARGET = `≤ ${CAPACITY_TARGETS.cpuMicrosPerToken} µs/token, wall ≤ ${CAPACITY_TARGETS.wallRatio}× ideal, dashboard p99 ≤ ${CAPACITY_TARGETS.dashboardP99Ms} ms`;

/**
 * One process (embedded) must meet every target; a Redis deployment "holds" its runs when all of them
 * complete at the model's pace (wall ≤ 1.3× ideal), whatever its CPU per token across processes.
 */
export function capacityFigure(
  backend: string,
  shape: CapacityShape,
  run: CapacityRun,
  anchor?: CapacityRun,
): FigureResult {
  const ratio = run.wallSeconds / run.idealSeconds;
  const holds = run.incompleteRuns === 0 && ratio <= CAPACITY_TARGETS.wallRatio;
  const met =
    backend === 'redis'
      ? holds
      : holds &&
        run.cpuMicrosPerToken <= CAPACITY_TARGETS.cpuMicrosPerToken &&
        run.dashboardP99Ms <= CAPACITY_TARGETS.dashboardP99Ms;
  return {
    figure: `capacity-${shape.engine}`,
    backend,
    values: {
      runs: shape.runs,
      tokensPerRun: shape.tokensPerRun,
      paceMs: shape.paceMs,
      wallSeconds: round(run.wallSeconds, 2),
      idealSeconds: round(run.idealSeconds, 2),
      wallRatio: round(ratio, 2),
      cpuMicrosPerToken: round(run.cpuMicrosPerToken, 1),
      servingThreadCpuMicrosPerToken: round(run.servingThreadCpuMicrosPerToken, 1),
      dashboardP99Ms: round(run.dashboardP99Ms, 1),
      dashboardMaxMs: round(run.dashboardMaxMs, 1),
      incompleteRuns: run.incompleteRuns,
      serverPeakRssMb: run.peakRssMb,
      clientCpuMicrosPerToken: round(run.clientCpuMicrosPerToken, 1),
      ...(anchor && {
        anchorWallSeconds: round(anchor.wallSeconds, 2),
        anchorWallRatio: round(anchor.wallSeconds / anchor.idealSeconds, 2),
        anchorCpuMicrosPerToken: round(anchor.cpuMicrosPerToken, 1),
        anchorServingThreadCpuMicrosPerToken: round(anchor.servingThreadCpuMicrosPerToken, 1),
        anchorRequestP99Ms: round(anchor.dashboardP99Ms, 1),
        anchorPeakRssMb: anchor.peakRssMb,
      }),
    },
    target:
      backend === 'redis'
        ? `all ${shape.runs} complete, wall ≤ ${CAPACITY_TARGETS.wallRatio}× ideal`
        : ONE_PROCESS_TARGET,
    met,
    result: `${shape.runs} runs × ${shape.tokensPerRun} tokens: ${formatNumber(run.wallSeconds, 1)} s (${formatNumber(ratio, 2)}× ideal), ${formatNumber(run.cpuMicrosPerToken, 1)} µs/token (serving thread ${formatNumber(run.servingThreadCpuMicrosPerToken, 1)}), dashboard p99 ${formatNumber(run.dashboardP99Ms, 0)} ms${run.incompleteRuns ? `, ${run.incompleteRuns} incomplete` : ''}`,
    anchor: anchor
      ? `${formatNumber(anchor.wallSeconds, 1)} s (${formatNumber(anchor.wallSeconds / anchor.idealSeconds, 2)}× ideal), ${formatNumber(anchor.cpuMicrosPerToken, 1)} µs/token (serving thread ${formatNumber(anchor.servingThreadCpuMicrosPerToken, 1)}), a 404's p99 ${formatNumber(anchor.dashboardP99Ms, 0)} ms${anchor.incompleteRuns ? `, ${anchor.incompleteRuns} incomplete` : ''}`
      : '',
  };
}
