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
