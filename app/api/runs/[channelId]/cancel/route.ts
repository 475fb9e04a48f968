import { apiRoute, json } from '@/lib/http/api-route';
import { summarizeRun } from '@/lib/runs/summary';

export const POST = apiRoute<{ channelId: string }>(async ({ params, runtime, owner }) => {
  const run = await runtime.service.cancelRun(params.channelId, owner);
  return json({ run: summarizeRun(run) });
});
