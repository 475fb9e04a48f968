import { invalidRequest } from '@/lib/errors';
import { getExperimentRuntime } from '@/lib/experiments/runtime';
import { cellsQuerySchema } from '@/lib/experiments/schema';
import { json } from '@/lib/http/api-route';
import { sharedExperimentRoute } from '@/lib/share/share-route';

/** The shared experiment's cells changed after `after`, as the owner's grid gets them. */
export const GET = sharedExperimentRoute(async ({ request, shared: { experiment } }) => {
  const query = cellsQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) throw invalidRequest(query.error, ['query']);
  const { service } = await getExperimentRuntime();
  return json(await service.changedCells(experiment.id, experiment.owner, query.data.after));
});
