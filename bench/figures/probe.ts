// Figure — a probe during a CPU-heavy run: while a run with 16 datasets × 5,000 records (~3 MB request)
// is dispatched, ranked and streamed, a client asks GET /api/health/live every 20 ms. The probes'
// latency (p50 / p99 / max, wall clock) and the longest stretch the server's own event loop ran
// without a break (CPU time of its main thread, test/support/loop-watch-preload.mjs).
import { largestDatasetsRequest } from '../../test/support/large-datasets';
import { formatNumber, type FigureResult } from '../figure';
import { dispatchRun, readSubscription, subscribeUrl } from '../http-client';
import { percentile, round, sleep } from '../stats';
import type { Target } from '../targets';

export const PROBE_RUNS = 5;
const PROBE_EVERY_MS = 20;
export const PROBE_TARGET_MS = 50;

export interface ProbeSummary {
  probes: number;
  p50: number;
  p99: number;
  max: number;
  longestLoopCpuMs: number;
}

async function runToEnd(target: Target, request: unknown): Promise<void> {
  const channelId = await dispatchRun(target.url, request);
  await readSubscription(subscribeUrl(target.url, channelId), {}, () => undefined);
}

/** `longestStretch(from, to)`: the server's longest loop stretch (CPU ms) between two epoch times. */
export async function measureProbe(
  target: Target,
  longestStretch: (from: number, to: number) => number,
): Promise<ProbeSummary> {
  const request = largestDatasetsRequest();
  // Compiles every path once. Under `npm start` Next also loads the probed route's module (and proxy.ts)
  // on its first request, 100–200 ms of the loop that belong to no run: made here, not in the first run.
  await runToEnd(target, request);
  await (await fetch(`${target.url}/api/health/live`)).arrayBuffer();
  const latencies: number[] = [];
  let longestLoopCpuMs = 0;
  for (let run = 0; run < PROBE_RUNS; run += 1) {
    let running = true;
    const probing = (async () => {
      while (running) {
        const sent = performance.now();
        await (await fetch(`${target.url}/api/health/live`)).arrayBuffer();
        latencies.push(performance.now() - sent);
        await sleep(PROBE_EVERY_MS);
      }
    })();
    const from = Date.now();
    try {
      await runToEnd(target, request);
    } finally {
      running = false;
      await probing;
    }
    await sleep(100); // the last stretch is written
    longestLoopCpuMs = Math.max(longestLoopCpuMs, longestStretch(from, Date.now()));
  }
  return {
    probes: latencies.length,
    p50: round(percentile(latencies, 50), 1),
    p99: round(percentile(latencies, 99), 1),
    max: round(Math.max(...latencies), 1),
    longestLoopCpuMs: round(longestLoopCpuMs, 1),
  };
}

export function probeFigure(backend: string, summary: ProbeSummary): FigureResult {
  return {
    figure: 'probe',
    backend,
    values: {
      runs: PROBE_RUNS,
      probes: summary.probes,
      probeP50Ms: summary.p50,
      probeP99Ms: summary.p99,
      probeMaxMs: summary.max,
      longestLoopCpuMs: summary.longestLoopCpuMs,
    },
    target: `longest loop stretch ≤ ${PROBE_TARGET_MS} ms of CPU`,
    met: summary.longestLoopCpuMs <= PROBE_TARGET_MS,
    result:
      `probe p50 ${formatNumber(summary.p50, 1)} / p99 ${formatNumber(summary.p99, 1)} / max ${formatNumber(summary.max, 1)} ms; ` +
      `longest loop stretch ${formatNumber(summary.longestLoopCpuMs, 1)} ms CPU`,
    anchor: '',
  };
}
