// Pre-aggregated overview counters. Each store adds to time buckets of three sizes when a run is
// created, when its token count is stored and when it ends, so the overview reads at most ~100 buckets whatever the number of runs
// (100,000 runs in a week read as 84 buckets, not 100,000 rows). Latencies go into log-scaled bins
// (each 25% wider than the last), so p50 / p95 come back within about ±12%.
//
// The Redis store computes the same fields inside its Lua script (lib/store/redis/scripts.ts,
// OVERVIEW_BUCKETS); the contract test checks both stores give the same buckets for the same runs.
import { timeToFirstTokenMs } from './first-token';

/** Bucket sizes: 1 minute (the last-hour chart), 15 minutes (last day), 2 hours (last week). */
export const BUCKET_SIZES_MS = [60_000, 15 * 60_000, 2 * 60 * 60_000] as const;
/** How long each size is kept: a little longer than the widest window that reads it. */
export const BUCKET_KEEP_MS: Record<number, number> = {
  60_000: 2 * 60 * 60_000,
  [15 * 60_000]: 2 * 24 * 60 * 60_000,
  [2 * 60 * 60_000]: 8 * 24 * 60 * 60_000,
};

export const LATENCY_BIN_BASE = 1.25;

/** The bin of a latency in ms: bin b holds values in [1.25^b, 1.25^(b+1)); 0 ms and 1 ms share bin 0. */
export function latencyBin(ms: number): number {
  return ms <= 1 ? 0 : Math.floor(Math.log(ms) / Math.log(LATENCY_BIN_BASE));
}

/** The value reported for a bin: the geometric middle of its edges. */
export function latencyOfBin(bin: number): number {
  return bin === 0 ? 1 : Math.round(LATENCY_BIN_BASE ** (bin + 0.5));
}

export const bucketStart = (at: number, sizeMs: number) => at - (at % sizeMs);

/**
 * What an ended run adds to the bucket of its end time. Its tokens are not here: each store counts
 * tokens in the bucket of the moment their count is stored, so a long run's tokens fall in the minutes
 * that produced them.
 */
export interface EndedRunFigures {
  status: string;
  createdAt: number;
  startedAt?: number;
  firstTokenAt?: number;
  waitBeforeFirstTokenMs?: number;
  endedAt: number;
}

export function endedRunIncrements(run: EndedRunFigures): Record<string, number> {
  const increments: Record<string, number> = { [run.status]: 1 };
  increments[`duration:${latencyBin(run.endedAt - run.createdAt)}`] = 1;
  const firstTokenMs = timeToFirstTokenMs(run);
  if (firstTokenMs !== undefined) increments[`ttft:${latencyBin(firstTokenMs)}`] = 1;
  return increments;
}

export const CREATED_FIELD = 'created';
