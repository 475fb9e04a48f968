// One signed webhook POST (Standard Webhooks headers), as the delivery loop and the webhooks page's test
// event send it; the outcome in the words the dashboard shows.
import type { Webhook } from 'standardwebhooks';

export const RECEIVER_TIMEOUT_MS = 10_000;

export interface SignedPost {
  url: string;
  webhookId: string;
  body: string;
  /** When it is sent (the signature's timestamp). */
  at: number;
}

export interface PostOutcome {
  /** The receiver's HTTP status, absent when it could not be reached. */
  statusCode?: number;
  /** Set unless the receiver answered 2xx. */
  error?: string;
}

export async function postSigned(signer: Webhook, post: SignedPost): Promise<PostOutcome> {
  try {
    const response = await fetch(post.url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(RECEIVER_TIMEOUT_MS),
      headers: {
        'content-type': 'application/json',
        'webhook-id': post.webhookId,
        'webhook-timestamp': String(Math.floor(post.at / 1000)),
        'webhook-signature': signer.sign(post.webhookId, new Date(post.at), post.body),
      },
      body: post.body,
    });
    await response.arrayBuffer().catch(() => undefined);
    return response.ok
      ? { statusCode: response.status }
      : { statusCode: response.status, error: `The receiver answered ${response.status}` };
  } catch (error) {
    return {
      error:
        error instanceof Error && error.name === 'TimeoutError'
          ? `No answer within ${RECEIVER_TIMEOUT_MS / 1000} s`
          : 'Could not reach the receiver',
    };
  }
}
