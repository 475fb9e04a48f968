import { experimentRoute } from '@/lib/experiments/api-route';
import { experimentView } from '@/lib/experiments/view';
import { json } from '@/lib/http/api-route';
import { otherMethods } from '@/lib/http/other-methods';

export const POST = experimentRoute<{ id: string }>(async ({ params, experiments, owner }) => {
  return json({
    experiment: experimentView(await experiments.cancelExperiment(params.id, owner)),
  });
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
