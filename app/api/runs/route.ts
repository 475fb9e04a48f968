import { readQuery } from '@/lib/http/query';
import { apiRoute, json } from '@/lib/http/api-route';
import { runListQuerySchema, storeQueryOf, summarizeRun } from '@/lib/runs/summary';
import { otherMethods } from '@/lib/http/other-methods';

export const GET = apiRoute(async ({ request, runtime, owner }) => {
  const page = await runtime.service.listRuns(storeQueryOf(owner, readQuery(request, runListQuerySchema)));
  return json({ items: page.items.map(summarizeRun), nextCursor: page.nextCursor ?? null });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
