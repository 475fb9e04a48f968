// Seeds many ended runs straight into a store (SQLite file or Redis prefix), spread over the last
// week, through the store's own methods so its indexes and overview buckets are what a server builds.
import type { RunStatus } from '@/lib/run-status';
import type { RunStore } from '@/lib/store/types';

const WEEK_MS = 7 * 24 * 60 * 60_000;
const ENDINGS: RunStatus[] = ['completed', 'completed', 'completed', 'completed', 'failed', 'cancelled'];

export interface SeedSummary {
  runs: number;
  byStatus: Record<string, number>;
}

/** `count` runs for `owner`, created evenly over the last week; `concurrency` calls in flight at once. */
export async function seedEndedRuns(
  store: RunStore,
  owner: string,
  count: number,
  options: { concurrency?: number; prefix?: string } = {},
): Promise<SeedSummary> {
  const now = Date.now();
  const byStatus: Record<string, number> = {};
  const concurrency = options.concurrency ?? 1;
  const seedOne = async (index: number) => {
    const createdAt = now - WEEK_MS + Math.floor(((index + 0.5) * (WEEK_MS - 60_000)) / count);
    const status = ENDINGS[index % ENDINGS.length];
    byStatus[status] = (byStatus[status] ?? 0) + 1;
    const channelId = `${options.prefix ?? 'seed'}-${index}`;
    await store.createRun({
      channelId,
      owner,
      engine: 'local',
      model: 'local',
      request: { messages: [{ type: 'user', text: `seeded question ${index}` }] },
      timezone: 'UTC',
      title: `seeded question ${index}`,
      createdAt,
    });
    const startedAt = createdAt + 5;
    await store.appendEvents(channelId, [], {
      status,
      startedAt,
      firstTokenAt: startedAt + 20 + (index % 200),
      endedAt: startedAt + 500 + (index % 5000),
      outputTokens: 50 + (index % 100),
    });
  };
  for (let start = 0; start < count; start += concurrency) {
    const batch = [];
    for (let index = start; index < Math.min(count, start + concurrency); index += 1)
      batch.push(seedOne(index));
    await Promise.all(batch);
  }
  return { runs: count, byStatus };
}

/** Times `count` sequential GET /api/runs/overview?window=… after one warm-up request; ms, sorted. */
export async function timeOverviewRequests(
  baseUrl: string,
  window: 'hour' | 'day' | 'week',
  count: number,
  headers: Record<string, string> = {},
): Promise<{ timesMs: number[]; body: unknown }> {
  const url = `${baseUrl}/api/runs/overview?window=${window}`;
  const body = await (await fetch(url, { headers })).json();
  const timesMs: number[] = [];
  for (let index = 0; index < count; index += 1) {
    const started = performance.now();
    const response = await fetch(url, { headers });
    await response.arrayBuffer();
    timesMs.push(performance.now() - started);
  }
  return { timesMs: timesMs.sort((a, b) => a - b), body };
}
