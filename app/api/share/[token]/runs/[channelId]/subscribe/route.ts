import { getExperimentRuntime } from '@/lib/experiments/runtime';
import { sharedExperimentRoute, sharedRunStream } from '@/lib/share/share-route';
import { otherMethods } from '@/lib/http/other-methods';

/** The live stream of one of the shared experiment's runs (a comparison's column). */
export const POST = sharedExperimentRoute<{ channelId: string }>(
  async ({ request, runtime, shared: { experiment }, params }) => {
    const { service } = await getExperimentRuntime();
    const run = await service.cellRun(experiment.id, experiment.owner, params.channelId);
    return sharedRunStream(request, runtime, run);
  },
);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
