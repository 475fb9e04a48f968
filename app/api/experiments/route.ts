import { experimentRoute, EXPERIMENT_BODY_FACTOR } from '@/lib/experiments/api-route';
import { createExperimentSchema } from '@/lib/experiments/schema';
import { json } from '@/lib/http/api-route';
import { readJsonBody } from '@/lib/http/body';
import { requestTimezone } from '@/lib/http/timezone';
import { experimentView } from '@/lib/experiments/view';
import { otherMethods } from '@/lib/http/other-methods';

export const GET = experimentRoute(async ({ experiments, owner }) => {
  const items = await experiments.listExperiments(owner);
  return json({ items: items.map((item) => experimentView(item)) });
});

export const POST = experimentRoute(async ({ request, runtime, experiments, owner }) => {
  const timezone = requestTimezone(request);
  const body = await readJsonBody(request, createExperimentSchema, {
    maxBytes: runtime.config.MAX_BODY_BYTES * EXPERIMENT_BODY_FACTOR,
  });
  const experiment = await experiments.createExperiment(body, owner, timezone);
  return json({ experiment: experimentView(experiment) }, { status: 201 });
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET', 'POST');
