import { experimentRoute } from '@/lib/experiments/api-route';
import { verdictSchema } from '@/lib/experiments/schema';
import { experimentView } from '@/lib/experiments/view';
import { json } from '@/lib/http/api-route';
import { readJsonBody } from '@/lib/http/body';
import { otherMethods } from '@/lib/http/other-methods';

export const GET = experimentRoute<{ id: string }>(async ({ params, experiments, owner }) => {
  return json({
    experiment: experimentView(await experiments.getOwnedExperiment(params.id, owner)),
  });
});

/** Marks the best variant and keeps a note. */
export const PATCH = experimentRoute<{ id: string }>(
  async ({ request, params, runtime, experiments, owner }) => {
    const patch = await readJsonBody(request, verdictSchema, { maxBytes: runtime.config.MAX_BODY_BYTES });
    return json({
      experiment: experimentView(await experiments.setVerdict(params.id, owner, patch)),
    });
  },
);

export const { POST, PUT, DELETE, OPTIONS } = otherMethods('GET', 'PATCH');
