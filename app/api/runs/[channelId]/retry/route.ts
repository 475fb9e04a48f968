import { apiRoute, json } from '@/lib/http/api-route';

export const POST = apiRoute<{ channelId: string }>(async ({ params, runtime, owner }) => {
  return json(await runtime.service.retryRun(params.channelId, owner));
});
