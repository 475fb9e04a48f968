// Sends webhooks for run notices, off the run's path: runs only journal a notice (atomically with
// their status change); this loop, in every process of the deployment, takes notices into the
// outbox, claims due deliveries under a lease and POSTs them signed per Standard Webhooks.
import { Webhook } from 'standardwebhooks';
import type { AppConfig } from '../config';
import { processMetrics } from '../metrics/registry';
import type { PendingDelivery, WebhookOutbox } from './outbox';
import { deliveriesOf } from './payload';
import { retryDelayMs } from './retry-schedule';
import { postSigned, RECEIVER_TIMEOUT_MS } from './signed-post';
import { getLogger } from '../ops/logger';

/** Longer than any attempt: a process that dies mid-attempt gives its deliveries back after this. */
const LEASE_MS = RECEIVER_TIMEOUT_MS * 3;
const BATCH = 50;

export interface WebhookDelivery {
  stop(): Promise<void>;
}

/** Starts sending webhooks when WEBHOOK_URL is set; stop() waits for attempts in flight. */
export function startWebhooksIfConfigured(
  config: AppConfig,
  outbox: WebhookOutbox,
): WebhookDelivery | undefined {
  return config.WEBHOOK_URL.length > 0 ? startWebhookDelivery(config, outbox) : undefined;
}

export function startWebhookDelivery(config: AppConfig, outbox: WebhookOutbox): WebhookDelivery {
  const urls = config.WEBHOOK_URL;
  const signer = new Webhook(config.WEBHOOK_SECRET as string);
  // Poll often enough for the retry base (tests use tens of ms), at most once a second.
  const intervalMs = Math.max(25, Math.min(1000, Math.floor(config.WEBHOOK_RETRY_BASE_MS / 2)));
  const inFlight = new Set<Promise<void>>();
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;

  const send = async (delivery: PendingDelivery) => {
    const attempt = delivery.attempts + 1;
    const at = Date.now();
    const outcome = await postSigned(signer, { ...delivery, at });
    const delay = outcome.error ? retryDelayMs(attempt, config.WEBHOOK_RETRY_BASE_MS) : undefined;
    processMetrics().webhookDeliveries.inc({
      outcome: !outcome.error ? 'delivered' : delay ? 'failed' : 'gave_up',
    });
    await outbox.recordAttempt(delivery, {
      deliveryId: delivery.id,
      webhookId: delivery.webhookId,
      type: delivery.type,
      url: delivery.url,
      attempt,
      at,
      ...outcome,
      nextAttemptAt: delay === undefined ? undefined : Date.now() + delay,
    });
  };

  const tick = async () => {
    await outbox.takeInNotices((notice) => deliveriesOf(notice, urls, Date.now()), BATCH);
    const due = await outbox.claimDue(Date.now(), LEASE_MS, BATCH);
    for (const delivery of due) {
      const sending = send(delivery)
        .catch((error) => getLogger().error({ err: error }, 'recording a webhook attempt failed'))
        .finally(() => inFlight.delete(sending));
      inFlight.add(sending);
    }
  };

  const loop = async () => {
    if (stopped) return;
    await tick().catch((error) => getLogger().error({ err: error }, 'webhook delivery loop failed'));
    if (!stopped) timer = setTimeout(loop, intervalMs).unref();
  };
  timer = setTimeout(loop, 0).unref();
  getLogger().info({ urls: urls.length }, 'delivering run notices to webhooks');
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await Promise.all(inFlight);
    },
  };
}
