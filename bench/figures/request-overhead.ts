// Per-request overhead: small GETs, one at a time on one keep-alive connection, after a warm-up. The wire
// API's GET /api/v1/schema (answered by the lean wire layer under `npm start`; by Next's route handler with
// BENCH_THROUGH_NEXT=1), the dashboard's GET /api/engines (always answered by Next), and the raw anchor's
// 404 (bare node:http). The schema is the larger answer (≈ 4.5 kB against ≈ 0.4 kB), so the comparison
// does not flatter the wire layer.
import { formatNumber, type FigureResult } from '../figure';
import { timedGet } from '../http-client';
import { percentile, round } from '../stats';
import type { Target } from '../targets';

const REQUESTS = 1_000;
const WARM_UP_REQUESTS = 100;

export interface RequestTimes {
  p50: number;
  p99: number;
}

export async function measureRequests(url: string): Promise<RequestTimes> {
  for (let index = 0; index < WARM_UP_REQUESTS; index += 1) await timedGet(url);
  const samples: number[] = [];
  for (let index = 0; index < REQUESTS; index += 1) samples.push(await timedGet(url));
  return { p50: round(percentile(samples, 50), 2), p99: round(percentile(samples, 99), 2) };
}

/** The anchor's answer to a path it does not serve: the cost of node:http and the socket alone. */
export const measureRawRequests = (anchor: Target) => measureRequests(`${anchor.url}/no-such-path`);

const describe = (name: string, times: RequestTimes) =>
  `${name} p50 ${formatNumber(times.p50, 2)} / p99 ${formatNumber(times.p99, 2)} ms`;

export async function requestOverheadFigure(target: Target, raw: RequestTimes): Promise<FigureResult> {
  const wire = await measureRequests(`${target.url}/api/v1/schema`);
  const dashboard = await measureRequests(`${target.url}/api/engines`);
  return {
    figure: 'request overhead',
    backend: target.name,
    values: {
      requests: REQUESTS,
      wireP50Ms: wire.p50,
      wireP99Ms: wire.p99,
      dashboardP50Ms: dashboard.p50,
      dashboardP99Ms: dashboard.p99,
      rawP50Ms: raw.p50,
      rawP99Ms: raw.p99,
    },
    target: 'measured (no target)',
    met: null,
    result: `${describe('GET /api/v1/schema', wire)}; ${describe('GET /api/engines', dashboard)}`,
    anchor: describe('raw 404', raw),
  };
}
