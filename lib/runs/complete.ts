// POST /conversation/complete: the same engines, answered on the request itself instead of a channel.
import type { AppConfig } from '../config';
import type { DispatchRequest } from '../dispatch/schema';
import { chooseEngine, loadEngine } from '../engines';
import type { EngineName } from '../dispatch/model-string';
import type { ChannelEvent } from '../events';
import type { ChannelBus, RunStore } from '../store/types';
import { waitForChannelMessage } from './channel-wait';
import { configuredSecrets, RunRedactor } from '../secrets/redact';
import type { RunQueue } from './queue';

export interface CompleteDeps {
  store: RunStore;
  bus: ChannelBus;
  queue: RunQueue;
  config: AppConfig;
}

export interface CompleteInput {
  request: DispatchRequest;
  timezone: string;
  owner: string;
  /** The HTTP request's signal: the client going away stops the engine and frees the slot. */
  signal: AbortSignal;
}

/** Events the engine may get ahead of the client before its next emit waits (back-pressure). */
export const COMPLETE_BUFFERED_EVENTS = 64;

/**
 * Waits for an execution slot like a dispatched run (429 with Retry-After when the queue is full), then
 * returns the completion's events as they come. The slot is held until the engine has finished or the
 * client has gone.
 */
export async function startCompletion(
  input: CompleteInput,
  deps: CompleteDeps,
): Promise<AsyncGenerator<ChannelEvent>> {
  const choice = chooseEngine(input.request, deps.config);
  const release = await deps.queue.acquireSlot(input.owner, input.signal);
  input.signal.addEventListener('abort', release, { once: true });
  return completeConversation(input, choice.engine, deps, release);
}

/**
 * Runs the engine and yields its events, framed by completeBegin/completeEnd. The engine's emit waits
 * while COMPLETE_BUFFERED_EVENTS are not yet taken, so a client that does not read stops the engine
 * instead of growing the buffer.
 */
async function* completeConversation(
  { request, timezone, owner, signal }: CompleteInput,
  engineName: EngineName,
  deps: CompleteDeps,
  release: () => void,
): AsyncGenerator<ChannelEvent> {
  const pending: ChannelEvent[] = [];
  const blockedEmitters: (() => void)[] = [];
  let wakeReader: (() => void) | undefined;
  let finished = false;
  const letEmittersGo = () => blockedEmitters.splice(0).forEach((resume) => resume());
  signal.addEventListener('abort', letEmittersGo, { once: true });
  const redactor = new RunRedactor(configuredSecrets(deps.config), request);
  const emit = (event: ChannelEvent): void | Promise<void> => {
    pending.push(...redactor.push(event));
    wakeReader?.();
    if (pending.length < COMPLETE_BUFFERED_EVENTS || signal.aborted) return;
    return new Promise<void>((resume) => blockedEmitters.push(resume));
  };
  try {
    const engine = await loadEngine(engineName);
    const running = engine
      .run({
        request,
        timezone,
        signal,
        emit,
        waitForChannelMessage: (channel) => waitForChannelMessage(channel, { ...deps, owner, signal, emit }),
        config: deps.config,
      })
      .catch((error: unknown) => {
        if (signal.aborted) return emit({ type: 'abort', data: { reason: 'cancelled' } });
        return emit({
          type: 'error',
          data: { message: error instanceof Error ? error.message : 'The run failed' },
        });
      })
      .finally(() => {
        pending.push(...redactor.flush());
        finished = true;
        wakeReader?.();
      });

    yield { type: 'completeBegin', data: {} };
    while (!finished || pending.length > 0) {
      if (pending.length === 0) {
        await new Promise<void>((resolve) => (wakeReader = resolve));
        wakeReader = undefined;
        continue;
      }
      const batch = pending.splice(0, pending.length);
      letEmittersGo();
      yield* batch;
    }
    await running;
    yield { type: 'completeEnd', data: {} };
  } finally {
    signal.removeEventListener('abort', letEmittersGo);
    release();
  }
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
