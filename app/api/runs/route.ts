import { invalidRequest } from '@/lib/errors';
import { apiRoute, json } from '@/lib/http/api-route';
import { RUN_LIST_SINCE, runListQuerySchema, summarizeRun } from '@/lib/runs/summary';

export const GET = apiRoute(async ({ request, runtime, owner }) => {
  const searchParams = Object.fromEntries(new URL(request.url).searchParams);
  const query = runListQuerySchema.safeParse(searchParams);
  if (!query.success) throw invalidRequest(query.error, ['query']);
  const { since, search, ...filters } = query.data;
  const page = await runtime.service.listRuns({
    owner,
    ...filters,
    search: search || undefined,
    createdAfter: since ? Date.now() - RUN_LIST_SINCE[since] : undefined,
  });
  return json({ items: page.items.map(summarizeRun), nextCursor: page.nextCursor ?? null });
});
