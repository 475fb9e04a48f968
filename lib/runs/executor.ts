// Runs one queued run to its end: marks it running and stores its completeBegin in the same write, lets
// the engine produce the rest (run-engine.ts, which always finishes the channel with result/error/abort and
// completeEnd) and stores them within the run's event budget, then stores how the run ended.
import type { AppConfig } from '../config';
import { processMetrics } from '../metrics/registry';
import { timeToFirstTokenMs, type FirstTokenTimes } from '../store/first-token';
import type { EngineName } from '../dispatch/model-string';
import type { ChannelBus, NewRun, RunRecord, RunStore } from '../store/types';
import type { ChannelEvent } from '../events';
import { announceStored, EventWriter } from './event-writer';
import { takeDispatchedRun } from './dispatched-requests';
import { eventByteSize, eventLimitMessage, RunEventBudget } from './event-budget';
import { runEngine, RunStopped, type EngineOutcome } from './run-engine';
import type { LendableSlot } from './fair-slots';
import { STARTED_LIVE_STATUSES } from '../run-status';

export interface ExecutorDeps {
  store: RunStore;
  bus: ChannelBus;
  config: AppConfig;
}

/** How a run this executor started ended, as its record now shows it (its log line says so). */
export interface EndedRun {
  status: EngineOutcome['status'];
  engine: string;
  outputTokens: number;
  error?: string;
}

/** What the queue that started a run may hand its executor. */
export interface ExecuteOptions {
  /** The run's record, already being read by the queue. */
  reading?: Promise<RunRecord | undefined>;
  /** The run's execution slot, lent to queued runs while it waits for a person's answer. */
  slot?: LendableSlot;
}

/**
 * Executes the run unless it left `queued` meanwhile (cancelled); resolves with how it ended, or
 * undefined when it did not start or another process ended it meanwhile (its record tells how). Never
 * throws for engine failures.
 */
export async function executeRun(
  channelId: string,
  signal: AbortSignal,
  deps: ExecutorDeps,
  { reading, slot }: ExecuteOptions = {},
): Promise<EndedRun | undefined> {
  const startedAt = Date.now();
  // Only what the dispatch stored is used from the record, which the transition does not change: the
  // run the dispatch kept in this process, or the caller's `reading`, or else the record read together
  // with the transition (on Redis one round trip instead of two).
  const [started, run] = await Promise.all([
    beginRun(channelId, startedAt, deps),
    takeDispatchedRun(channelId) ?? reading ?? deps.store.getRun(channelId),
  ]);
  if (!started || !run) return undefined;
  const metrics = processMetrics();
  metrics.runsStarted.inc();
  metrics.runsRunning.inc();
  try {
    return await executeStartedRun(run, startedAt, signal, deps, slot);
  } finally {
    metrics.runsRunning.dec();
  }
}

const COMPLETE_BEGIN: ChannelEvent = { type: 'completeBegin', data: {} };

/**
 * Moves the run from queued to running and stores its first event, completeBegin, in the same write:
 * its subscribers see it begin one store write sooner than after a transition of its own (on Redis, one
 * script call of the worker fewer before the first event). Says whether the run was still queued.
 */
async function beginRun(channelId: string, startedAt: number, deps: ExecutorDeps): Promise<boolean> {
  const stored = await deps.store.appendEvents(
    channelId,
    [COMPLETE_BEGIN],
    { status: 'running', startedAt },
    ['queued'],
  );
  announceStored(deps, channelId, stored, eventByteSize(COMPLETE_BEGIN));
  return stored.length > 0;
}

async function executeStartedRun(
  run: NewRun,
  startedAt: number,
  signal: AbortSignal,
  deps: ExecutorDeps,
  slot?: LendableSlot,
): Promise<EndedRun | undefined> {
  const { store, bus, config } = deps;
  const { channelId } = run;

  // Reaching MAX_RUN_EVENT_BYTES stops the engine the way a cancel does, then the run fails with a clear
  // error; so does the run ending elsewhere (below), with its ending kept.
  const stopEngine = new AbortController();
  // Another process may end the run while this one still runs it: on Redis, a worker whose lock expired
  // while it stalled is judged lost and its run failed by another (lib/backends/redis/recovery.ts). Its
  // events and its end are then refused by the store, and the engine stops; the record keeps that ending.
  let endedElsewhere = false;
  const writer = new EventWriter(channelId, store, bus, {
    begun: true,
    whileRunIs: {
      statuses: STARTED_LIVE_STATUSES,
      onEnded() {
        endedElsewhere = true;
        stopEngine.abort(new RunStopped('The run was ended by another process'));
      },
    },
  });
  const budget = new RunEventBudget(config.MAX_RUN_EVENT_BYTES);
  budget.take(eventByteSize(COMPLETE_BEGIN));
  const waitingGauge = waitingCount();
  /** As the engine reports it; until then (or without it, e.g. cancelled) the tokens streamed. */
  let outputTokens: number | undefined;

  const outcome = await runEngine({
    engine: run.engine as EngineName,
    request: run.request,
    timezone: run.timezone,
    owner: run.owner,
    waiter: channelId,
    begun: true,
    signal,
    stop: stopEngine.signal,
    deps,
    /** The closing events are stored whatever the budget says. */
    write: (events, closing) => {
      let written: void | Promise<void> = undefined;
      for (const event of events) {
        const size = eventByteSize(event);
        if (!closing && !budget.take(size)) {
          stopEngine.abort(new RunStopped(eventLimitMessage(budget.limitBytes)));
          return;
        }
        written = writer.write(event, size);
      }
      return written;
    },
    observe: (event) => {
      if (event.type === 'usage') outputTokens = event.data.outputTokensUsed;
    },
    onWaiting: async (waiting, answerDueAt) => {
      await writer.flush();
      waitingGauge.set(waiting);
      if (waiting) {
        await store.transitionRun(channelId, ['running'], { status: 'waiting', answerDueAt });
        slot?.lend();
      } else {
        // Running again only once it has a slot again (the next free one, before any queued run).
        await slot?.takeBack();
        await store.transitionRun(channelId, ['waiting'], { status: 'running' });
      }
    },
  }).finally(() => waitingGauge.set(false));
  const endedAt = Date.now();
  const ended = { ...outcome, outputTokens: outputTokens ?? writer.tokenCount };
  await writer.flush({ ...ended, endedAt });
  if (endedElsewhere) return undefined;
  recordEndedRun(outcome.status, {
    createdAt: run.createdAt,
    startedAt,
    firstTokenAt: writer.firstTokenAt,
    waitBeforeFirstTokenMs: writer.waitBeforeFirstTokenMs,
    endedAt,
  });
  return { ...ended, engine: run.engine };
}

/** This run's share of dispatch_runs_waiting: counted once while it waits, however it stops waiting. */
function waitingCount(): { set(waiting: boolean): void } {
  let counted = false;
  return {
    set(waiting) {
      if (waiting === counted) return;
      counted = waiting;
      processMetrics().runsWaiting.inc(waiting ? 1 : -1);
    },
  };
}

function recordEndedRun(status: string, run: FirstTokenTimes & { createdAt: number; endedAt: number }) {
  const metrics = processMetrics();
  metrics.runsEnded.inc({ status });
  metrics.runDuration.observe((run.endedAt - run.createdAt) / 1000);
  const firstTokenMs = timeToFirstTokenMs(run);
  if (firstTokenMs !== undefined) metrics.timeToFirstToken.observe(firstTokenMs / 1000);
}
