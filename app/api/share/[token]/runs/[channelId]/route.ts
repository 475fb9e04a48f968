import { getExperimentRuntime } from '@/lib/experiments/runtime';
import { json } from '@/lib/http/api-route';
import { summarizeRun } from '@/lib/runs/summary';
import { sharedRunSummary } from '@/lib/share/share-schema';
import { sharedExperimentRoute } from '@/lib/share/share-route';
import { otherMethods } from '@/lib/http/other-methods';

/** One of the shared experiment's runs: its status and figures, not its request. */
export const GET = sharedExperimentRoute<{ channelId: string }>(
  async ({ shared: { experiment }, params }) => {
    const { service } = await getExperimentRuntime();
    const run = await service.cellRun(experiment.id, experiment.owner, params.channelId);
    return json({ run: sharedRunSummary(summarizeRun(run)) });
  },
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
