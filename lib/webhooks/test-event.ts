// The webhooks page's "Send a test event": one signed `webhook.test` POST to each receiver, at once and
// outside the outbox (nothing is retried or stored), so an operator sees whether the receiver answers.
import { randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import type { AppConfig } from '../config';
import { NOTICE_STATUSES } from '../store/types';
import { shownUrl, webhookTypeOf } from './outbox';
import { postSigned, type PostOutcome } from './signed-post';

export const TEST_EVENT_TYPE = 'webhook.test';
/** The events runs send, in the order a run meets them. */
export const WEBHOOK_TYPES = NOTICE_STATUSES.map(webhookTypeOf);

export interface TestEventResult extends PostOutcome {
  /** The receiver as the dashboard shows it (no credentials or query). */
  url: string;
  durationMs: number;
}

export async function sendTestEvent(config: Pick<AppConfig, 'WEBHOOK_URL' | 'WEBHOOK_SECRET'>): Promise<TestEventResult[]> {
  const signer = new Webhook(config.WEBHOOK_SECRET as string);
  const at = Date.now();
  const webhookId = `msg_test_${randomUUID()}`;
  const body = JSON.stringify({
    type: TEST_EVENT_TYPE,
    timestamp: new Date(at).toISOString(),
    data: { message: `A test event from Dispatch Studio. Runs send ${WEBHOOK_TYPES.join(', ')}.` },
  });
  return Promise.all(
    config.WEBHOOK_URL.map(async (url) => {
      const started = performance.now();
      const outcome = await postSigned(signer, { url, webhookId, body, at });
      return { url: shownUrl(url), ...outcome, durationMs: Math.round(performance.now() - started) };
    }),
  );
}
