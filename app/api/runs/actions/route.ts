import { apiRoute, json } from '@/lib/http/api-route';
import { readJsonBody } from '@/lib/http/body';
import { refuseNewWorkWhileDraining } from '@/lib/ops/drain-state';
import { applyRunActions, runActionsSchema } from '@/lib/runs/run-actions';
import { otherMethods } from '@/lib/http/other-methods';

/** Cancels or retries the named runs of the caller's, each reported: `{ action, done, failures }`. */
export const POST = apiRoute(async ({ request, runtime, owner }) => {
  const body = await readJsonBody(request, runActionsSchema, { maxBytes: runtime.config.MAX_BODY_BYTES });
  if (body.action === 'retry') refuseNewWorkWhileDraining();
  return json(await applyRunActions(runtime.service, owner, body));
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
