import { readQuery } from '@/lib/http/query';
import { getExperimentRuntime } from '@/lib/experiments/runtime';
import { cellsQuerySchema } from '@/lib/experiments/schema';
import { json } from '@/lib/http/api-route';
import { sharedExperimentRoute } from '@/lib/share/share-route';
import { otherMethods } from '@/lib/http/other-methods';

/** The shared experiment's cells changed after `after`, as the owner's grid gets them. */
export const GET = sharedExperimentRoute(async ({ request, shared: { experiment } }) => {
  const { after } = readQuery(request, cellsQuerySchema);
  const { service } = await getExperimentRuntime();
  return json(await service.changedCells(experiment.id, experiment.owner, after));
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
