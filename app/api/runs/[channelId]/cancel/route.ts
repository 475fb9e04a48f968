import { apiRoute, json } from '@/lib/http/api-route';
import { summarizeRun } from '@/lib/runs/summary';
import { otherMethods } from '@/lib/http/other-methods';

export const POST = apiRoute<{ channelId: string }>(async ({ params, runtime, owner }) => {
  const run = await runtime.service.cancelRun(params.channelId, owner);
  return json({ run: summarizeRun(run) });
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
