import { dispatchRequestSchema } from '@/lib/dispatch/schema';
import { ApiError } from '@/lib/errors';
import { apiRoute, json } from '@/lib/http/api-route';
import { readJsonBody } from '@/lib/http/body';
import { jsonlResponse } from '@/lib/http/jsonl';
import { requestTimezone } from '@/lib/http/timezone';
import { refuseNewWorkWhileDraining } from '@/lib/ops/drain-state';
import { completeToResult, startCompletion } from '@/lib/runs/complete';

export const POST = apiRoute(async ({ request, runtime, owner }) => {
  refuseNewWorkWhileDraining();
  const timezone = requestTimezone(request);
  const body = await readJsonBody(request, dispatchRequestSchema, {
    maxBytes: runtime.config.MAX_BODY_BYTES,
  });
  const events = await startCompletion({ request: body, timezone, owner, signal: request.signal }, runtime);
  if ((request.headers.get('accept') ?? '').includes('application/jsonl')) {
    return jsonlResponse(events);
  }
  const { result, error } = await completeToResult(events);
  if (!result) throw new ApiError('INTERNAL_ERROR', error ?? 'The completion produced no result');
  return json(result);
});
