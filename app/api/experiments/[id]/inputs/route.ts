import { experimentRoute } from '@/lib/experiments/api-route';
import { json } from '@/lib/http/api-route';
import { otherMethods } from '@/lib/http/other-methods';

/** The message each row sends (shortened), in row order, for the grid's first column. */
export const GET = experimentRoute<{ id: string }>(async ({ params, experiments, owner }) => {
  return json({ inputs: await experiments.inputTexts(params.id, owner) });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
