// Calls the real server under test from e2e specs (arrange steps and checks against the API).
import type { APIRequestContext } from '@playwright/test';
import type { DispatchRequest } from '@/lib/dispatch/schema';

export async function dispatchRun(request: APIRequestContext, body: DispatchRequest): Promise<string> {
  const response = await request.post('/api/v1/conversation/dispatch', { data: body });
  if (!response.ok()) throw new Error(`dispatch answered ${response.status()}: ${await response.text()}`);
  return ((await response.json()) as { channelId: string }).channelId;
}

export interface SubscribedEvent {
  id: string;
  data: { type: string; data: Record<string, unknown> };
}

/** Every event of a run, read through subscribe until the stream closes. */
export async function readAllEvents(request: APIRequestContext, channelId: string): Promise<SubscribedEvent[]> {
  const response = await request.post(`/api/v1/channel/${channelId}/subscribe`, { data: {}, timeout: 120_000 });
  const text = await response.text();
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as SubscribedEvent);
}

export async function resultTextOf(request: APIRequestContext, channelId: string): Promise<string> {
  const result = (await readAllEvents(request, channelId)).find((line) => line.data.type === 'result');
  return String(result?.data.data.text ?? '');
}

export const userMessage = (text: string): DispatchRequest => ({ messages: [{ type: 'user', text }] });

/**
 * Starts a comparison ("Plain" and "Brief") whose two runs wait for a person to approve a refund: a function
 * answered on `channel`, called at the start. Its experiment id.
 */
export async function startWaitingComparison(request: APIRequestContext, channel: string): Promise<string> {
  const response = await request.post('/api/experiments', {
    data: {
      kind: 'compare',
      request: {
        messages: [{ type: 'user', text: 'Please approve my refund of 40 euros.' }],
        functions: [
          {
            name: 'requestApproval',
            description: 'Asks a person to approve a refund',
            parameters: { type: 'object', properties: { amount: { type: 'number' } } },
            result: { channel },
            call: { start: true },
          },
        ],
      },
      variants: [{ label: 'Plain' }, { label: 'Brief', backstory: 'Answer briefly.' }],
    },
  });
  return ((await response.json()) as { experiment: { id: string } }).experiment.id;
}
