// POST /conversation/complete: the same engines, answered on the request itself instead of a channel.
import { randomUUID } from 'node:crypto';
import type { AppConfig } from '../config';
import type { DispatchRequest } from '../dispatch/schema';
import { chooseEngine } from '../engines';
import type { EngineName } from '../dispatch/model-string';
import type { ChannelEvent } from '../events';
import type { ChannelBus, RunStore } from '../store/types';
import type { RunQueue } from './queue';
import { runEngine } from './run-engine';

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
 * Runs the engine (run-engine.ts) and yields the run's events as they come. Writing an event waits while
 * COMPLETE_BUFFERED_EVENTS are not yet taken, so a client that does not read stops the engine instead
 * of growing the buffer.
 */
async function* completeConversation(
  { request, timezone, owner, signal }: CompleteInput,
  engine: EngineName,
  deps: CompleteDeps,
  release: () => void,
): AsyncGenerator<ChannelEvent> {
  const pending: ChannelEvent[] = [];
  const blockedWriters: (() => void)[] = [];
  let wakeReader: (() => void) | undefined;
  let finished = false;
  const letWritersGo = () => blockedWriters.splice(0).forEach((resume) => resume());
  signal.addEventListener('abort', letWritersGo, { once: true });
  const write = (events: ChannelEvent[]): void | Promise<void> => {
    pending.push(...events);
    wakeReader?.();
    if (pending.length < COMPLETE_BUFFERED_EVENTS || signal.aborted) return;
    return new Promise<void>((resume) => blockedWriters.push(resume));
  };
  try {
    const running = runEngine({
      engine,
      request,
      timezone,
      owner,
      waiter: randomUUID(),
      signal,
      deps,
      write,
    }).finally(() => {
      finished = true;
      wakeReader?.();
    });
    while (!finished || pending.length > 0) {
      if (pending.length === 0) {
        await new Promise<void>((resolve) => (wakeReader = resolve));
        wakeReader = undefined;
        continue;
      }
      const batch = pending.splice(0, pending.length);
      letWritersGo();
      yield* batch;
    }
    await running;
  } finally {
    signal.removeEventListener('abort', letWritersGo);
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
