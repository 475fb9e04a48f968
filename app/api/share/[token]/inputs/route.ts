import { getExperimentRuntime } from '@/lib/experiments/runtime';
import { json } from '@/lib/http/api-route';
import { sharedExperimentRoute } from '@/lib/share/share-route';
import { otherMethods } from '@/lib/http/other-methods';

/** The message each row of the shared batch sends (shortened), for the grid's first column. */
export const GET = sharedExperimentRoute(async ({ shared: { experiment } }) => {
  const { service } = await getExperimentRuntime();
  return json({ inputs: await service.inputTexts(experiment.id, experiment.owner) });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
