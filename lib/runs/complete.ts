// POST /conversation/complete: the same engines, answered on the request itself instead of a channel.
import { randomUUID } from 'node:crypto';
import type { AppConfig } from '../config';
import type { DispatchRequest } from '../dispatch/schema';
import { chooseEngine, loadEngine } from '../engines';
import type { ChannelEvent } from '../events';
import type { ChannelBus, RunStore } from '../store/types';
import { waitForChannelMessage } from './channel-wait';
import { configuredSecrets, eventRedactor, requestSecretIds } from '../secrets/redact';

export interface CompleteDeps {
  store: RunStore;
  bus: ChannelBus;
  config: AppConfig;
}

/** Runs the engine and yields its events as they come, framed by completeBegin/completeEnd. */
export async function* completeConversation(
  request: DispatchRequest,
  timezone: string,
  owner: string,
  signal: AbortSignal,
  deps: CompleteDeps,
): AsyncGenerator<ChannelEvent> {
  const choice = chooseEngine(request, deps.config);
  const engine = await loadEngine(choice.engine);
  const pending: ChannelEvent[] = [];
  let wake: (() => void) | undefined;
  let finished = false;
  const redact = eventRedactor([...configuredSecrets(deps.config), ...requestSecretIds(request)]);
  const emit = (event: ChannelEvent) => {
    pending.push(redact(event));
    wake?.();
  };
  const running = engine
    .run({
      request,
      timezone,
      signal,
      emit,
      waitForChannelMessage: (channel, call) =>
        waitForChannelMessage(channel, { ...deps, owner, waiter: randomUUID(), signal, emit }, call),
      config: deps.config,
    })
    .catch((error: unknown) => {
      if (signal.aborted) emit({ type: 'abort', data: { reason: 'cancelled' } });
      else
        emit({ type: 'error', data: { message: error instanceof Error ? error.message : 'The run failed' } });
    })
    .finally(() => {
      finished = true;
      wake?.();
    });

  yield { type: 'completeBegin', data: {} };
  while (!finished || pending.length > 0) {
    if (pending.length === 0) {
      await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
      continue;
    }
    yield* pending.splice(0, pending.length);
  }
  await running;
  yield { type: 'completeEnd', data: {} };
}

/** The JSON answer: the result event's data, or a 500-free error summary. */
export async function completeToResult(events: AsyncIterable<ChannelEvent>) {
  let result: Extract<ChannelEvent, { type: 'result' }>['data'] | undefined;
  let error: string | undefined;
  for await (const event of events) {
    if (event.type === 'result') result = event.data;
    if (event.type === 'error') error = event.data.message;
  }
  return { result, error };
}
