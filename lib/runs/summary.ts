// The dashboard's view of a run: the record plus figures derived from its timestamps.
import { RUN_STATUSES } from '../run-status';
import type { RunRecord } from '../store/types';
import { z } from 'zod';
import { ENGINE_NAMES } from '../dispatch/model-string';
import { timeToFirstTokenMs } from '../store/first-token';
import { RUN_SOURCES } from '../store/run-source';

/** A run as the dashboard sees it: no request body, owner or zone, plus derived figures. */
export type RunSummary = Omit<RunRecord, 'request' | 'owner' | 'timezone'> & {
  queuedMs?: number;
  timeToFirstTokenMs?: number;
  durationMs?: number;
  tokensPerSecond?: number;
};

const HIDDEN_FIELDS: ReadonlySet<string> = new Set(['request', 'owner', 'timezone']);

/**
 * The record's fields but the hidden ones, copied key by key: a rest pattern (`{ request, ...visible }`)
 * reads every property, and a stored record's `request` is a getter that parses up to ~3 MB of JSON
 * (lib/store/lazy-request.ts), tens of milliseconds of the event loop for each status read or list row.
 */
function visibleFields(run: RunRecord): Omit<RunRecord, 'request' | 'owner' | 'timezone'> {
  const visible: Record<string, unknown> = {};
  for (const key of Object.keys(run)) {
    if (!HIDDEN_FIELDS.has(key)) visible[key] = run[key as keyof RunRecord];
  }
  return visible as Omit<RunRecord, 'request' | 'owner' | 'timezone'>;
}

export function summarizeRun(run: RunRecord): RunSummary {
  const visible = visibleFields(run);
  const generationMs = run.firstTokenAt && run.endedAt ? run.endedAt - run.firstTokenAt : undefined;
  return {
    ...visible,
    queuedMs: run.startedAt ? run.startedAt - run.createdAt : undefined,
    timeToFirstTokenMs: timeToFirstTokenMs(run),
    durationMs: run.endedAt ? run.endedAt - run.createdAt : undefined,
    tokensPerSecond:
      generationMs && generationMs > 0 && run.outputTokens > 0
        ? Math.round((run.outputTokens / generationMs) * 1000 * 10) / 10
        : undefined,
  };
}

/** How far back the runs list's time filter reaches. */
export const RUN_LIST_SINCE = {
  hour: 60 * 60_000,
  day: 24 * 60 * 60_000,
  week: 7 * 24 * 60 * 60_000,
} as const;

/** The runs list's filters, as GET /api/runs and its CSV export (GET /api/runs/export) take them. */
export const runListFilterSchema = z.object({
  status: z.enum(RUN_STATUSES).optional(),
  search: z.string().trim().max(200).optional(),
  engine: z.enum(ENGINE_NAMES).optional(),
  since: z.enum(['hour', 'day', 'week']).optional(),
  source: z.enum(RUN_SOURCES).optional(),
});

export const runListQuerySchema = runListFilterSchema.extend({
  cursor: z.string().max(512).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** The store's query for `owner`'s runs that match the list's filters (`since` is counted back from now). */
export function storeQueryOf<Extra extends object>(
  owner: string,
  { since, search, ...rest }: z.infer<typeof runListFilterSchema> & Extra,
) {
  return {
    owner,
    ...rest,
    search: search || undefined,
    createdAfter: since ? Date.now() - RUN_LIST_SINCE[since] : undefined,
  };
}
