import { readQuery } from '@/lib/http/query';
import { apiRoute } from '@/lib/http/api-route';
import { runsCsvStream } from '@/lib/runs/export';
import { runListFilterSchema, storeQueryOf } from '@/lib/runs/summary';
import { otherMethods } from '@/lib/http/other-methods';

/** The runs that match the list's filters as a CSV file (the newest RUNS_EXPORT_MAX). */
export const GET = apiRoute(async ({ request, runtime, owner }) => {
  const query = storeQueryOf(owner, readQuery(request, runListFilterSchema));
  const day = new Date().toISOString().slice(0, 10);
  return new Response(runsCsvStream((page) => runtime.service.listRuns(page), query), {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="runs-${day}.csv"`,
    },
  });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
