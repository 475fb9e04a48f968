// What a webhook says: `{type, timestamp, data}` for a run notice, and one delivery per URL.
import type { RunNotice } from '../store/types';
import { webhookTypeOf, type NewDelivery } from './outbox';

export interface WebhookBody {
  type: string;
  timestamp: string;
  data: {
    channelId: string;
    status: string;
    model: string;
    usage: { outputTokens: number };
    durationMs: number;
    error?: string;
  };
}

export function webhookBodyOf(notice: RunNotice): WebhookBody {
  return {
    type: webhookTypeOf(notice.status),
    timestamp: new Date(notice.at).toISOString(),
    data: {
      channelId: notice.channelId,
      status: notice.status,
      model: notice.model,
      usage: { outputTokens: notice.outputTokens },
      durationMs: notice.durationMs,
      ...(notice.error !== undefined && { error: notice.error }),
    },
  };
}

/** One delivery per URL; all share the notice's webhook-id (one event, however many receivers). */
export function deliveriesOf(notice: RunNotice, urls: string[], now: number): NewDelivery[] {
  const body = JSON.stringify(webhookBodyOf(notice));
  const webhookId = `msg_${notice.channelId}_${notice.id}`;
  return urls.map((url, index) => ({
    id: `${notice.id}:${index}`,
    webhookId,
    channelId: notice.channelId,
    owner: notice.owner,
    url,
    type: webhookTypeOf(notice.status),
    body,
    dueAt: now,
  }));
}
