// A local webhook receiver that verifies each request with the `standardwebhooks` package, answers
// with the status a test scripts per webhook-id and attempt, and keeps what it received.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface ReceivedWebhook {
  webhookId: string;
  timestamp: string;
  body: string;
  payload: { type: string; timestamp: string; data: Record<string, unknown> };
  /** 1 for the first request with this webhook-id, 2 for the next … */
  attempt: number;
  answered: number;
  receivedAt: number;
}

export interface WebhookReceiver {
  url: string;
  received: ReceivedWebhook[];
  /** Requests whose signature did not verify (should stay empty). */
  rejected: string[];
  /** Decides the answer per request; 200 unless set. */
  answer: (webhookId: string, attempt: number, payload: ReceivedWebhook['payload']) => number;
  close(): Promise<void>;
}

export const TEST_WEBHOOK_SECRET = `whsec_${Buffer.from('dispatch-studio-webhook-test-secret!').toString('base64')}`;

export async function startWebhookReceiver(secret = TEST_WEBHOOK_SECRET): Promise<WebhookReceiver> {
  const verifier = new Webhook(secret);
  const attempts = new Map<string, number>();
  const receiver: WebhookReceiver = {
    url: '',
    received: [],
    rejected: [],
    answer: () => 200,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const headers = request.headers as Record<string, string>;
      let payload: ReceivedWebhook['payload'];
      try {
        payload = verifier.verify(body, headers) as ReceivedWebhook['payload'];
      } catch (error) {
        receiver.rejected.push(`${(error as Error).message}: ${body}`);
        response.writeHead(400).end();
        return;
      }
      const webhookId = headers['webhook-id'];
      const attempt = (attempts.get(webhookId) ?? 0) + 1;
      attempts.set(webhookId, attempt);
      const answered = receiver.answer(webhookId, attempt, payload);
      receiver.received.push({
        webhookId,
        timestamp: headers['webhook-timestamp'],
        body,
        payload,
        attempt,
        answered,
        receivedAt: Date.now(),
      });
      response.writeHead(answered).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  return receiver;
}

/** Polls until `find` returns something, or fails with `what` after the deadline. */
export async function waitFor<T>(
  what: string,
  find: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await find();
    if (found !== undefined && found !== false) return found;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
