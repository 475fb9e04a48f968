import { apiRoute, json } from '@/lib/http/api-route';
import { shownAttempt, shownUrl } from '@/lib/webhooks/outbox';
import { MAX_ATTEMPTS } from '@/lib/webhooks/retry-schedule';
import { WEBHOOK_TYPES } from '@/lib/webhooks/test-event';
import { otherMethods } from '@/lib/http/other-methods';

const RECENT = 50;

/** The receivers this server sends to (shown without credentials), and the caller's newest attempts across runs. */
export const GET = apiRoute(async ({ runtime, owner }) => {
  const { WEBHOOK_URL, WEBHOOK_RETRY_BASE_MS } = runtime.config;
  const recent = await runtime.outbox.listRecentAttempts(owner, RECENT);
  return json({
    receivers: WEBHOOK_URL.map(shownUrl),
    events: WEBHOOK_TYPES,
    retryBaseMs: WEBHOOK_RETRY_BASE_MS,
    maxAttempts: MAX_ATTEMPTS,
    recent: recent.map(shownAttempt),
  });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
