import { ApiError } from '@/lib/errors';
import { apiRoute, json } from '@/lib/http/api-route';
import { sendTestEvent } from '@/lib/webhooks/test-event';
import { otherMethods } from '@/lib/http/other-methods';

/** Sends a signed test event to every receiver now and says how each answered. */
export const POST = apiRoute(async ({ runtime }) => {
  if (runtime.config.WEBHOOK_URL.length === 0)
    throw new ApiError('CONFLICT', 'No webhook receiver is set up: set WEBHOOK_URL and WEBHOOK_SECRET, then restart.');
  return json({ results: await sendTestEvent(runtime.config) });
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
