import { readQuery } from '@/lib/http/query';
import { apiRoute, json } from '@/lib/http/api-route';
import { RUN_LIST_SINCE, runListQuerySchema, summarizeRun } from '@/lib/runs/summary';
import { otherMethods } from '@/lib/http/other-methods';

export const GET = apiRoute(async ({ request, runtime, owner }) => {
  const { since, search, ...filters } = readQuery(request, runListQuerySchema);
  const page = await runtime.service.listRuns({
    owner,
    ...filters,
    search: search || undefined,
    createdAfter: since ? Date.now() - RUN_LIST_SINCE[since] : undefined,
  });
  return json({ items: page.items.map(summarizeRun), nextCursor: page.nextCursor ?? null });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
