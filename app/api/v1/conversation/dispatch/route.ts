import { dispatchRequestSchema } from '@/lib/dispatch/schema';
import { apiRoute, json } from '@/lib/http/api-route';
import { readJsonBody } from '@/lib/http/body';
import { requestTimezone } from '@/lib/http/timezone';
import { refuseNewWorkWhileDraining } from '@/lib/ops/drain-state';

export const POST = apiRoute(async ({ request, runtime, owner }) => {
  refuseNewWorkWhileDraining();
  const timezone = requestTimezone(request);
  const body = await readJsonBody(request, dispatchRequestSchema, { maxBytes: runtime.config.MAX_BODY_BYTES });
  return json(await runtime.service.enqueueDispatch({ request: body, timezone, owner }));
});
