import { apiRoute, json } from '@/lib/http/api-route';
import { refuseNewWorkWhileDraining } from '@/lib/ops/drain-state';
import { otherMethods } from '@/lib/http/other-methods';

export const POST = apiRoute<{ channelId: string }>(async ({ params, runtime, owner }) => {
  refuseNewWorkWhileDraining();
  return json(await runtime.service.retryRun(params.channelId, owner));
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
