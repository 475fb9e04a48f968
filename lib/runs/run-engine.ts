// The one way an engine is driven, for a dispatched run (executor.ts) and for POST /conversation/complete
// (complete.ts): the engine's context, the redaction of every event it emits, the completeBegin /
// completeEnd frame, and how a failure ends the run (abort for a cancel, error otherwise).
import { setImmediate } from 'node:timers/promises';
import type { AppConfig } from '../config';
import type { EngineName } from '../dispatch/model-string';
import type { DispatchRequest } from '../dispatch/schema';
import { loadEngine } from '../engines';
import type { ChannelEvent, WaitingCall } from '../events';
import { isServerShutdown, SHUTDOWN_EVENT_MESSAGE } from '../ops/shutdown';
import { RunRedactor } from '../secrets/redact';
import { serverSecrets } from '../secrets/server-secrets';
import type { ChannelBus, RunStore } from '../store/types';
import { RunCancelledError, waitForChannelMessage, type ChannelWaitDeps } from './channel-wait';

/** How the engine's part of a run ended; `error` is what the run record shows. */
export type EngineOutcome =
  { status: 'completed' } | { status: 'cancelled'; error: string } | { status: 'failed'; error: string };

/** Aborting `EngineRun.stop` with this ends the run as failed with its message (e.g. a spent event budget). */
export class RunStopped extends Error {}

export interface EngineRun {
  engine: EngineName;
  request: DispatchRequest;
  timezone: string;
  owner: string;
  /** Who waits on mailboxes: a run's channel id, or a one-off id for a completion. */
  waiter: string;
  /** Its completeBegin is stored already, with the run's start (executor.ts); otherwise it is written here. */
  begun?: boolean;
  /** Cancel, or the client going away; a server-shutdown reason ends the run as failed instead. */
  signal: AbortSignal;
  /** The run's own reason to stop the engine, aborted with a RunStopped; later events are dropped. */
  stop?: AbortSignal;
  deps: { store: RunStore; bus: ChannelBus; config: AppConfig };
  /**
   * Takes events already redacted, in order; may return a promise to slow the engine down. `closing`
   * marks the events that end the run (written even after `stop`).
   */
  write(events: ChannelEvent[], closing: boolean): void | Promise<void>;
  /** Sees each event as the engine emits it, before redaction (first-token time, reported usage). */
  observe?(event: ChannelEvent): void;
  onWaiting?: ChannelWaitDeps['onWaiting'];
}

/** Runs the engine to its end and writes every event of the run; never throws for engine failures. */
export async function runEngine(run: EngineRun): Promise<EngineOutcome> {
  const { request, signal, stop, deps } = run;
  const redactor = new RunRedactor(serverSecrets(deps.config), request);
  const engineSignal = stop ? AbortSignal.any([signal, stop]) : signal;
  const emit = (event: ChannelEvent) => {
    if (stop?.aborted) return;
    run.observe?.(event);
    return run.write(redactor.push(event), false);
  };
  const close = (event: ChannelEvent) => run.write([...redactor.flush(), ...redactor.push(event)], true);
  const waitForChannel = (channel: string, call?: WaitingCall) =>
    waitForChannelMessage(
      channel,
      { ...deps, owner: run.owner, waiter: run.waiter, signal: engineSignal, emit, onWaiting: run.onWaiting },
      call,
    );

  if (!run.begun) await emit({ type: 'completeBegin', data: {} });
  // The engine starts after the loop has polled for I/O once: completeBegin is stored by now (with the
  // run's start, or by a commit that does not wait for the end of the turn), and the subscribe that
  // usually follows a dispatch at once is answered with it before the engine's first burst of work.
  await setImmediate();
  let outcome: EngineOutcome;
  try {
    const engine = await loadEngine(run.engine);
    await engine.run({
      request,
      timezone: run.timezone,
      signal: engineSignal,
      emit,
      waitForChannelMessage: waitForChannel,
      config: deps.config,
    });
    if (engineSignal.aborted) throw new RunCancelledError();
    outcome = { status: 'completed' };
  } catch (error) {
    if (signal.aborted && !isServerShutdown(signal.reason)) {
      await close({ type: 'abort', data: { reason: 'cancelled' } });
      outcome = { status: 'cancelled', error: 'Cancelled' };
    } else {
      const message = failureMessage(error, signal, stop, redactor);
      await close({ type: 'error', data: { message } });
      outcome = { status: 'failed', error: message };
    }
  }
  await close({ type: 'completeEnd', data: {} });
  return outcome;
}

function failureMessage(
  error: unknown,
  signal: AbortSignal,
  stop: AbortSignal | undefined,
  redactor: RunRedactor,
): string {
  if (isServerShutdown(signal.reason)) return SHUTDOWN_EVENT_MESSAGE;
  if (stop?.aborted && stop.reason instanceof RunStopped) return stop.reason.message;
  return redactor.scrub(error instanceof Error ? error.message : 'The run failed');
}
