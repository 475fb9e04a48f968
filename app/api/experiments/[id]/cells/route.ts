import { experimentRoute } from '@/lib/experiments/api-route';
import { cellsQuerySchema } from '@/lib/experiments/schema';
import { invalidRequest } from '@/lib/errors';
import { json } from '@/lib/http/api-route';

/** Cells changed after `after` (a version from the previous answer; 0 for all), and the next version. */
export const GET = experimentRoute<{ id: string }>(async ({ request, params, experiments, owner }) => {
  const query = cellsQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) throw invalidRequest(query.error, ['query']);
  return json(await experiments.changedCells(params.id, owner, query.data.after));
});
