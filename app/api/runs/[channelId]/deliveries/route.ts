import { apiRoute, json } from '@/lib/http/api-route';
import { shownAttempt } from '@/lib/webhooks/outbox';
import { otherMethods } from '@/lib/http/other-methods';

/** The run's webhook delivery attempts, oldest first. */
export const GET = apiRoute<{ channelId: string }>(async ({ params, runtime, owner }) => {
  await runtime.service.getOwnedRun(params.channelId, owner);
  const attempts = await runtime.outbox.listAttempts(params.channelId);
  return json({ items: attempts.map(shownAttempt) });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
