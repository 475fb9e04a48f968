// The overview's figures for a window (last hour / day / week), from the store's pre-aggregated
// buckets plus live counts: at most ~100 buckets are read whatever the number of runs.
import { z } from 'zod';
import { BUCKET_SIZES_MS, CREATED_FIELD, latencyOfBin } from '../store/overview-buckets';
import type { OverviewBucket, RunStore } from '../store/types';
import type { RunQueue } from './queue';

export const OVERVIEW_WINDOWS = {
  hour: 60 * 60_000,
  day: 24 * 60 * 60_000,
  week: 7 * 24 * 60 * 60_000,
} as const;
export type OverviewWindow = keyof typeof OVERVIEW_WINDOWS;

export const overviewQuerySchema = z.object({
  window: z.enum(Object.keys(OVERVIEW_WINDOWS) as [OverviewWindow, ...OverviewWindow[]]).default('hour'),
});

/** Bucket size per window: 60 points an hour, 96 a day, 84 a week. */
const BUCKET_OF_WINDOW: Record<OverviewWindow, number> = {
  hour: BUCKET_SIZES_MS[0],
  day: BUCKET_SIZES_MS[1],
  week: BUCKET_SIZES_MS[2],
};

/**
 * One bucket of the charts, its rates per minute. The bucket now under way has counted only since it
 * began: divided by a whole bucket it would draw a false drop at the charts' right edge every time (tokens
 * "falling" from 12K to 5K a minute at half past), and divided by the time since it began it would draw a
 * false spike (36 runs sent in one burst 15 s into the minute reading as 144 a minute, then falling to 36
 * as the minute went by). So it gives the rate over the last whole bucket's time (`trailingCount`).
 */
export interface OverviewPoint {
  start: number;
  runsPerMinute: number;
  tokensPerMinute: number;
  failedPerMinute: number;
  failed: number;
  ended: number;
}

/**
 * What was counted in the last `bucketMs` before `now`, for the bucket under way: all of its own count and
 * the share of the bucket before it that is still within that time, taking the one before as spread evenly
 * over its span (buckets hold counts, not times). A bucket that has ended counts only itself.
 */
export function trailingCount(
  count: number,
  countBefore: number,
  start: number,
  bucketMs: number,
  now: number,
): number {
  const elapsed = Math.min(Math.max(now - start, 0), bucketMs);
  return count + countBefore * (1 - elapsed / bucketMs);
}

export interface RunsOverview {
  window: OverviewWindow;
  bucketMs: number;
  from: number;
  /** Ended runs by final status within the window; queued / running / waiting as of now. */
  byStatus: Record<'queued' | 'running' | 'waiting' | 'completed' | 'failed' | 'cancelled', number>;
  /** Runs waiting in the queue now (all owners: the queue is shared). */
  queueDepth: number;
  /** Processes taking runs from the queue now, in the Redis layout; absent where the server runs its own. */
  workers?: number;
  runsPerMinute: number;
  tokensPerMinute: number;
  /** Failed among ended runs in the window, 0..1; undefined when none ended. */
  failureRate?: number;
  /** Percentiles in ms, from log-scaled bins (±12%); undefined when nothing was measured. */
  timeToFirstToken: { p50?: number; p95?: number };
  duration: { p50?: number; p95?: number };
  series: OverviewPoint[];
}

/** The value below which `fraction` of the counted latencies fall, from `prefix:<bin>` counters. */
export function percentileOfBins(bins: Map<number, number>, fraction: number): number | undefined {
  const total = [...bins.values()].reduce((sum, count) => sum + count, 0);
  if (total === 0) return undefined;
  const rank = Math.ceil(fraction * total);
  let seen = 0;
  for (const bin of [...bins.keys()].sort((a, b) => a - b)) {
    seen += bins.get(bin) as number;
    if (seen >= rank) return latencyOfBin(bin);
  }
  return undefined;
}

function addBins(bins: Map<number, number>, fields: Record<string, number>, prefix: string): void {
  for (const [field, count] of Object.entries(fields)) {
    if (field.startsWith(prefix)) {
      const bin = Number(field.slice(prefix.length));
      bins.set(bin, (bins.get(bin) ?? 0) + count);
    }
  }
}

export function summarizeBuckets(
  buckets: OverviewBucket[],
  window: OverviewWindow,
  now: number,
): Omit<RunsOverview, 'byStatus' | 'queueDepth'> & {
  ended: Record<'completed' | 'failed' | 'cancelled', number>;
} {
  const bucketMs = BUCKET_OF_WINDOW[window];
  const windowMs = OVERVIEW_WINDOWS[window];
  const from = now - windowMs;
  const ended = { completed: 0, failed: 0, cancelled: 0 };
  const ttft = new Map<number, number>();
  const duration = new Map<number, number>();
  let created = 0;
  let tokens = 0;
  const byStart = new Map(buckets.map((bucket) => [bucket.start, bucket.fields]));
  const series: OverviewPoint[] = [];
  const bucketMinutes = bucketMs / 60_000;
  for (let start = from - (from % bucketMs); start <= now; start += bucketMs) {
    const fields = byStart.get(start) ?? {};
    const before = byStart.get(start - bucketMs) ?? {};
    const endedHere = (fields.completed ?? 0) + (fields.failed ?? 0) + (fields.cancelled ?? 0);
    const perMinute = (field: string) =>
      trailingCount(fields[field] ?? 0, before[field] ?? 0, start, bucketMs, now) / bucketMinutes;
    series.push({
      start,
      runsPerMinute: perMinute(CREATED_FIELD),
      tokensPerMinute: perMinute('tokens'),
      failedPerMinute: perMinute('failed'),
      failed: fields.failed ?? 0,
      ended: endedHere,
    });
    created += fields[CREATED_FIELD] ?? 0;
    tokens += fields.tokens ?? 0;
    for (const status of ['completed', 'failed', 'cancelled'] as const) ended[status] += fields[status] ?? 0;
    addBins(ttft, fields, 'ttft:');
    addBins(duration, fields, 'duration:');
  }
  const endedTotal = ended.completed + ended.failed + ended.cancelled;
  const minutes = windowMs / 60_000;
  return {
    window,
    bucketMs,
    from,
    ended,
    runsPerMinute: created / minutes,
    tokensPerMinute: tokens / minutes,
    failureRate: endedTotal > 0 ? ended.failed / endedTotal : undefined,
    timeToFirstToken: { p50: percentileOfBins(ttft, 0.5), p95: percentileOfBins(ttft, 0.95) },
    duration: { p50: percentileOfBins(duration, 0.5), p95: percentileOfBins(duration, 0.95) },
    series,
  };
}

export async function runsOverview(
  deps: { store: RunStore; queue: RunQueue },
  owner: string,
  window: OverviewWindow,
  now = Date.now(),
): Promise<RunsOverview> {
  const bucketMs = BUCKET_OF_WINDOW[window];
  const from = now - OVERVIEW_WINDOWS[window];
  const [buckets, active, queueDepth, workers] = await Promise.all([
    deps.store.readOverviewBuckets(owner, bucketMs, from - (from % bucketMs)),
    deps.store.countActiveRuns(owner),
    deps.queue.depth(),
    deps.queue.workers(),
  ]);
  const { ended, ...summary } = summarizeBuckets(buckets, window, now);
  return { ...summary, byStatus: { ...active, ...ended }, queueDepth, ...(workers === undefined ? {} : { workers }) };
}
