// Figure 2 — dispatch latency: sequential dispatches, each followed at once by a subscribe; the time
// from sending the dispatch to the first event (completeBegin) and to the first token arriving.
import { startCpuAccounting, type CpuUse } from '../cpu-accounting';
import { formatNumber, type FigureResult } from '../figure';
import { dispatchRun, readSubscription, repeatRequest, subscribeUrl } from '../http-client';
import { percentile, round } from '../stats';
import type { Target } from '../targets';

export const LATENCY_DISPATCHES = 200;
const WARM_UP_DISPATCHES = 20;
const TOKENS_PER_RUN = 3;

export interface LatencySamples {
  firstEventMs: number[];
  firstTokenMs: number[];
}

export interface LatencySummary {
  firstEventP50: number;
  firstEventP99: number;
  firstTokenP50: number;
  firstTokenP99: number;
  /** CPU milliseconds per dispatch (its subscription and its run included), by process. */
  cpuPerDispatch: CpuUse;
}

async function oneDispatch(target: Target): Promise<{ firstEventMs: number; firstTokenMs: number }> {
  const sent = performance.now();
  const channelId = await dispatchRun(target.url, repeatRequest(TOKENS_PER_RUN));
  let firstEventMs = Number.NaN;
  let firstTokenMs = Number.NaN;
  await readSubscription(subscribeUrl(target.url, channelId), {}, (_seq, type) => {
    const elapsed = performance.now() - sent;
    if (Number.isNaN(firstEventMs)) firstEventMs = elapsed;
    if (type === 'token' && Number.isNaN(firstTokenMs)) firstTokenMs = elapsed;
  });
  return { firstEventMs, firstTokenMs };
}

export async function measureLatency(
  target: Target,
  dispatches = LATENCY_DISPATCHES,
): Promise<LatencySummary> {
  for (let index = 0; index < WARM_UP_DISPATCHES; index += 1) await oneDispatch(target);
  const samples: LatencySamples = { firstEventMs: [], firstTokenMs: [] };
  const stopCpuAccounting = await startCpuAccounting(target);
  for (let index = 0; index < dispatches; index += 1) {
    const sample = await oneDispatch(target);
    samples.firstEventMs.push(sample.firstEventMs);
    samples.firstTokenMs.push(sample.firstTokenMs);
  }
  const cpu = await stopCpuAccounting();
  const perDispatch = (ms: number) => round(ms / dispatches, 2);
  return {
    cpuPerDispatch: {
      server: perDispatch(cpu.server),
      workers: perDispatch(cpu.workers),
      ...(cpu.redis !== undefined && { redis: perDispatch(cpu.redis) }),
      client: perDispatch(cpu.client),
    },
    firstEventP50: round(percentile(samples.firstEventMs, 50), 2),
    firstEventP99: round(percentile(samples.firstEventMs, 99), 2),
    firstTokenP50: round(percentile(samples.firstTokenMs, 50), 2),
    firstTokenP99: round(percentile(samples.firstTokenMs, 99), 2),
  };
}

/** "CPU per dispatch: server 3.0, worker 3.6, Redis 1.3, client 1.5 ms" (the parts the target has). */
function describeCpu({ server, workers, redis, client }: CpuUse): string {
  const parts = [
    `server ${formatNumber(server, 2)}`,
    ...(workers > 0 ? [`worker ${formatNumber(workers, 2)}`] : []),
    ...(redis !== undefined ? [`Redis ${formatNumber(redis, 2)}`] : []),
    `client ${formatNumber(client, 2)}`,
  ];
  return `CPU per dispatch: ${parts.join(', ')} ms`;
}

const describe = (summary: LatencySummary) =>
  `first event p50 ${formatNumber(summary.firstEventP50, 2)} / p99 ${formatNumber(summary.firstEventP99, 2)} ms; ` +
  `first token p50 ${formatNumber(summary.firstTokenP50, 2)} / p99 ${formatNumber(summary.firstTokenP99, 2)} ms; ` +
  describeCpu(summary.cpuPerDispatch);

/** Issue 19: the wire API close to a raw server, dispatch → first event p50 at most twice the anchor's. */
export const LATENCY_TARGET_RATIO = 2;
export const LATENCY_TARGET = `first event p50 ≤ ${LATENCY_TARGET_RATIO}× raw`;

export async function latencyFigure(target: Target, anchor: LatencySummary): Promise<FigureResult> {
  const summary = await measureLatency(target);
  const ratio = round(summary.firstEventP50 / anchor.firstEventP50, 2);
  return {
    figure: 'latency',
    backend: target.name,
    values: {
      dispatches: LATENCY_DISPATCHES,
      firstEventP50Ms: summary.firstEventP50,
      firstEventP50VsRaw: ratio,
      firstEventP99Ms: summary.firstEventP99,
      firstTokenP50Ms: summary.firstTokenP50,
      firstTokenP99Ms: summary.firstTokenP99,
      anchorFirstEventP50Ms: anchor.firstEventP50,
      anchorFirstEventP99Ms: anchor.firstEventP99,
      anchorFirstTokenP50Ms: anchor.firstTokenP50,
      anchorFirstTokenP99Ms: anchor.firstTokenP99,
      serverCpuMsPerDispatch: summary.cpuPerDispatch.server,
      ...(summary.cpuPerDispatch.workers > 0 && { workerCpuMsPerDispatch: summary.cpuPerDispatch.workers }),
      ...(summary.cpuPerDispatch.redis !== undefined && {
        redisCpuMsPerDispatch: summary.cpuPerDispatch.redis,
      }),
      clientCpuMsPerDispatch: summary.cpuPerDispatch.client,
      anchorServerCpuMsPerDispatch: anchor.cpuPerDispatch.server,
      anchorClientCpuMsPerDispatch: anchor.cpuPerDispatch.client,
    },
    target: LATENCY_TARGET,
    met: ratio <= LATENCY_TARGET_RATIO,
    result: `${describe(summary)} (first event ${formatNumber(ratio, 1)}× raw)`,
    anchor: describe(anchor),
  };
}
