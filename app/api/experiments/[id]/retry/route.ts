import { experimentRoute } from '@/lib/experiments/api-route';
import { json } from '@/lib/http/api-route';
import { otherMethods } from '@/lib/http/other-methods';

/** Sends the failed and cancelled cells again. */
export const POST = experimentRoute<{ id: string }>(async ({ params, experiments, owner }) => {
  return json(await experiments.retryFailed(params.id, owner));
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
