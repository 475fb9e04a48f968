// Runs one queued run to its end: marks it running, lets the engine produce events, and always
// finishes the channel with result/error/abort followed by completeEnd.
import type { AppConfig } from '../config';
import type { ChannelEvent, WaitingCall } from '../events';
import { loadEngine } from '../engines';
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
  const { store, bus, config } = deps;
  const started = await store.transitionRun(channelId, ['queued'], {
    status: 'running',
    startedAt: Date.now(),
  });
  if (!started) return;
  const run = await store.getRun(channelId);
  if (!run) return;

  const writer = new EventWriter(channelId, store, bus);
  const secrets = [...configuredSecrets(config), ...requestSecretIds(run.request)];
  const redact = eventRedactor(secrets);
  let firstTokenAt: number | undefined;
  let outputTokens = 0;
  const emit = (event: ChannelEvent) => {
    if (event.type === 'token' && firstTokenAt === undefined) {
      firstTokenAt = Date.now();
      void store.updateRun(channelId, { firstTokenAt }).catch(() => undefined);
    }
    if (event.type === 'usage') outputTokens = event.data.outputTokensUsed;
    return writer.write(redact(event));
  };

  const waitForChannel = (channel: string, call?: WaitingCall) =>
    waitForChannelMessage(
      channel,
      {
        ...deps,
        owner: run.owner,
        waiter: channelId,
        signal,
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
  await writer.flush({ ...final, endedAt: Date.now(), outputTokens });
}
