// Runs one queued run to its end: marks it running, lets the engine produce events, and always
// finishes the channel with result/error/abort followed by completeEnd.
import type { AppConfig } from '../config';
import type { ChannelEvent } from '../events';
import { loadEngine } from '../engines';
import { processMetrics } from '../metrics/registry';
import type { EngineName } from '../engines/model-spec';
import type { ChannelBus, RunPatch, RunStore } from '../store/types';
import { RunCancelledError, waitForChannelMessage } from './channel-wait';
import { EventWriter } from './event-writer';
import { configuredSecrets, eventRedactor, requestSecretIds, secretScrubber } from '../secrets/redact';

export interface ExecutorDeps {
  store: RunStore;
  bus: ChannelBus;
  config: AppConfig;
}

/** Executes the run unless it left `queued` meanwhile (cancelled). Never throws for engine failures. */
export async function executeRun(channelId: string, signal: AbortSignal, deps: ExecutorDeps): Promise<void> {
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

  const writer = new EventWriter(channelId, store, bus);
  const secrets = [...configuredSecrets(config), ...requestSecretIds(run.request)];
  const redact = eventRedactor(secrets);
  let firstTokenAt: number | undefined;
  /** As the engine reports it; until then (or without it, e.g. cancelled) the tokens streamed. */
  let outputTokens: number | undefined;
  const emit = (event: ChannelEvent) => {
    if (event.type === 'token' && firstTokenAt === undefined) {
      firstTokenAt = Date.now();
      void store.updateRun(channelId, { firstTokenAt }).catch(() => undefined);
    }
    if (event.type === 'usage') outputTokens = event.data.outputTokensUsed;
    return writer.write(redact(event));
  };

  const waitForChannel = (channel: string) =>
    waitForChannelMessage(channel, {
      ...deps,
      owner: run.owner,
      signal,
      emit,
      onWaiting: async (waiting) => {
        await writer.flush();
        const [from, status] = waiting
          ? (['running', 'waiting'] as const)
          : (['waiting', 'running'] as const);
        await store.transitionRun(channelId, [from], { status });
      },
    });

  emit({ type: 'completeBegin', data: {} });
  let final: RunPatch & { status: 'completed' | 'failed' | 'cancelled' };
  try {
    const engine = await loadEngine(run.engine as EngineName);
    await engine.run({
      request: run.request,
      timezone: run.timezone,
      signal,
      emit,
      waitForChannelMessage: waitForChannel,
      config,
    });
    if (signal.aborted) throw new RunCancelledError();
    final = { status: 'completed' };
  } catch (error) {
    if (signal.aborted) {
      emit({ type: 'abort', data: { reason: 'cancelled' } });
      final = { status: 'cancelled', error: 'Cancelled' };
    } else {
      const message = secretScrubber(secrets)(error instanceof Error ? error.message : 'The run failed');
      emit({ type: 'error', data: { message } });
      final = { status: 'failed', error: message };
    }
  }
  emit({ type: 'completeEnd', data: {} });
  const endedAt = Date.now();
  await writer.flush({ ...final, endedAt, outputTokens: outputTokens ?? writer.tokenCount });
  recordEndedRun(final.status, { ...run, firstTokenAt, endedAt });
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
