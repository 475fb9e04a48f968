import { experimentRoute } from '@/lib/experiments/api-route';
import { cellsQuerySchema } from '@/lib/experiments/schema';
import { readQuery } from '@/lib/http/query';
import { json } from '@/lib/http/api-route';
import { otherMethods } from '@/lib/http/other-methods';

/** Cells changed after `after` (a version from the previous answer; 0 for all), and the next version. */
export const GET = experimentRoute<{ id: string }>(async ({ request, params, experiments, owner }) => {
  const { after } = readQuery(request, cellsQuerySchema);
  return json(await experiments.changedCells(params.id, owner, after));
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
