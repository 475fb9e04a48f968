// Runs one queued run to its end: marks it running, lets the engine produce events, and always
// finishes the channel with result/error/abort followed by completeEnd.
import { setImmediate } from 'node:timers/promises';
import type { AppConfig } from '../config';
import type { ChannelEvent, WaitingCall } from '../events';
import { loadEngine } from '../engines';
import { processMetrics } from '../metrics/registry';
import type { EngineName } from '../dispatch/model-string';
import type { ChannelBus, RunPatch, RunStore } from '../store/types';
import { RunCancelledError, waitForChannelMessage } from './channel-wait';
import { isServerShutdown, SHUTDOWN_EVENT_MESSAGE } from '../ops/shutdown';
import { EventWriter } from './event-writer';
import { takeDispatchedRequest } from './dispatched-requests';
import { eventByteSize, eventLimitMessage, RunEventBudget } from './event-budget';
import { configuredSecrets, RunRedactor } from '../secrets/redact';

export interface ExecutorDeps {
  store: RunStore;
  bus: ChannelBus;
  config: AppConfig;
}

/** Executes the run unless it left `queued` meanwhile (cancelled). Never throws for engine failures. */
export async function executeRun(channelId: string, signal: AbortSignal, deps: ExecutorDeps): Promise<void> {
  // On a turn of its own: not inside the dispatch (or the end of another run) that let it start.
  await setImmediate();
  const started = await deps.store.transitionRun(channelId, ['queued'], {
    status: 'running',
    startedAt: Date.now(),
  });
  if (!started) return;
  const metrics = processMetrics();
  metrics.runsStarted.inc();
  metrics.runsRunning.inc();
  try {
    await executeStartedRun(channelId, signal, deps);
  } finally {
    metrics.runsRunning.dec();
  }
}

async function executeStartedRun(channelId: string, signal: AbortSignal, deps: ExecutorDeps): Promise<void> {
  const { store, bus, config } = deps;
  const run = await store.getRun(channelId);
  if (!run) return;
  const request = takeDispatchedRequest(channelId) ?? run.request;

  const writer = new EventWriter(channelId, store, bus);
  const redactor = new RunRedactor(configuredSecrets(config), request);
  const budget = new RunEventBudget(config.MAX_RUN_EVENT_BYTES);
  // Reaching MAX_RUN_EVENT_BYTES stops the engine the way a cancel does, then the run fails with a clear error.
  const overLimit = new AbortController();
  const runSignal = AbortSignal.any([signal, overLimit.signal]);
  let firstTokenAt: number | undefined;
  /** As the engine reports it; until then (or without it, e.g. cancelled) the tokens streamed. */
  let outputTokens: number | undefined;
  /** Stores events past the redactor; the closing events are stored whatever the budget says. */
  const storeEvents = (events: ChannelEvent[], counted: boolean) => {
    let written: void | Promise<void> = undefined;
    for (const event of events) {
      const size = eventByteSize(event);
      if (counted && !budget.take(size)) {
        overLimit.abort();
        return;
      }
      written = writer.write(event, size);
    }
    return written;
  };
  const emit = (event: ChannelEvent) => {
    if (overLimit.signal.aborted) return;
    if (event.type === 'token' && firstTokenAt === undefined) {
      firstTokenAt = Date.now();
      void store.updateRun(channelId, { firstTokenAt }).catch(() => undefined);
    }
    if (event.type === 'usage') outputTokens = event.data.outputTokensUsed;
    return storeEvents(redactor.push(event), true);
  };
  const close = (event: ChannelEvent) => storeEvents([...redactor.flush(), ...redactor.push(event)], false);

  const waitForChannel = (channel: string, call?: WaitingCall) =>
    waitForChannelMessage(
      channel,
      {
        ...deps,
        owner: run.owner,
        waiter: channelId,
        signal: runSignal,
        emit,
        onWaiting: async (waiting) => {
          await writer.flush();
          const [from, status] = waiting
            ? (['running', 'waiting'] as const)
            : (['waiting', 'running'] as const);
          await store.transitionRun(channelId, [from], { status });
        },
      },
      call,
    );

  emit({ type: 'completeBegin', data: {} });
  let final: RunPatch & { status: 'completed' | 'failed' | 'cancelled' };
  try {
    const engine = await loadEngine(run.engine as EngineName);
    await engine.run({
      request,
      timezone: run.timezone,
      signal: runSignal,
      emit,
      waitForChannelMessage: waitForChannel,
      config,
    });
    if (runSignal.aborted) throw new RunCancelledError();
    final = { status: 'completed' };
  } catch (error) {
    if (signal.aborted && !isServerShutdown(signal.reason)) {
      close({ type: 'abort', data: { reason: 'cancelled' } });
      final = { status: 'cancelled', error: 'Cancelled' };
    } else {
      const message = isServerShutdown(signal.reason)
        ? SHUTDOWN_EVENT_MESSAGE
        : overLimit.signal.aborted
          ? eventLimitMessage(budget.limitBytes)
          : redactor.scrub(error instanceof Error ? error.message : 'The run failed');
      close({ type: 'error', data: { message } });
      final = { status: 'failed', error: message };
    }
  }
  close({ type: 'completeEnd', data: {} });
  const endedAt = Date.now();
  await writer.flush({ ...final, endedAt, outputTokens: outputTokens ?? writer.tokenCount });
  recordEndedRun(final.status, { createdAt: run.createdAt, startedAt: run.startedAt, firstTokenAt, endedAt });
}

function recordEndedRun(
  status: string,
  run: { createdAt: number; startedAt?: number; firstTokenAt?: number; endedAt: number },
) {
  const metrics = processMetrics();
  metrics.runsEnded.inc({ status });
  metrics.runDuration.observe((run.endedAt - run.createdAt) / 1000);
  if (run.firstTokenAt !== undefined && run.startedAt !== undefined) {
    metrics.timeToFirstToken.observe((run.firstTokenAt - run.startedAt) / 1000);
  }
}
