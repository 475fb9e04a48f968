// Drives an experiment's cells through the normal run queue: at most `concurrency` of its runs are in
// flight at once, each cell is marked with its channel before the run is stored (so a restart finds
// it), and a cell takes its run's outcome when the run ends. The experiment's state lives in the
// store; this only holds the loops, so a restarted server picks up where the last one stopped.
import { dispatchRequestSchema } from '../dispatch/schema';
import { isApiError } from '../errors';
import { plainIssues } from '../plain-issues';
import { parseStoredEvent } from '../events';
import type { RunService } from '../runs/service';
import { summarizeRun } from '../runs/summary';
import { isEnded } from '../run-status';
import type { ChannelBus, RunRecord, RunStore } from '../store/types';
import { cellChannelId, cellRequest } from './cell-request';
import type { CellPatch, ExperimentCell, ExperimentRecord } from './schema';
import type { ExperimentStore } from './store';
import { getLogger } from '../ops/logger';

export interface RunnerDeps {
  experiments: ExperimentStore;
  runs: RunStore;
  bus: ChannelBus;
  service: RunService;
}

/** A follower re-reads its run this often even without a wake-up (a missed notification costs this much). */
const FOLLOW_RECHECK_MS = 2_000;
const QUEUE_FULL_WAIT_MS = 1_000;
const RUNNING_CELLS_AT_ONCE = 1_000;
/** Events read at a time to join the reply of a run that ended without a result. */
const STREAMED_TEXT_PAGE = 2_000;

/**
 * Runs `wait` with a signal that aborts after `ms` or on shutdown. Its listener on the long-lived
 * shutdown signal is removed afterwards, so thousands of waits leave nothing behind on it.
 */
async function untilWokenOrTimedOut(
  shutdown: AbortSignal,
  ms: number,
  wait: (wake: AbortSignal) => Promise<void>,
): Promise<void> {
  const wake = new AbortController();
  const abort = () => wake.abort();
  const timer = setTimeout(abort, ms);
  shutdown.addEventListener('abort', abort, { once: true });
  try {
    await wait(wake.signal);
  } finally {
    clearTimeout(timer);
    shutdown.removeEventListener('abort', abort);
  }
}

const sleep = (ms: number, shutdown: AbortSignal) =>
  untilWokenOrTimedOut(
    shutdown,
    ms,
    (wake) => new Promise((resolve) => wake.addEventListener('abort', () => resolve(), { once: true })),
  );

class Stopped extends Error {}

interface Drive {
  /** Aborted on shutdown: stop everything, leave the store as it is. */
  shutdown: AbortController;
  /** Set by cancel: dispatch nothing more, let followers record the cancelled runs. */
  dispatching: boolean;
  done: Promise<void>;
}

export class ExperimentRunner {
  private readonly drives = new Map<string, Drive>();

  constructor(private readonly deps: RunnerDeps) {}

  /**
   * Starts (or keeps) the loop of an experiment. A running one dispatches its pending cells; any other
   * only follows the runs its cells already have (a cancelled batch after a restart).
   */
  start(id: string): void {
    if (this.drives.get(id)?.dispatching) return;
    const previous = this.drives.get(id);
    const drive: Drive = { shutdown: new AbortController(), dispatching: true, done: Promise.resolve() };
    this.drives.set(id, drive);
    drive.done = (async () => {
      // A loop still finishing after a cancel must end before a retry starts a new one.
      await previous?.done;
      await this.drive(id, drive);
    })()
      .catch((error) => {
        if (!(error instanceof Stopped))
          getLogger().error({ err: error, experimentId: id }, 'experiment loop failed');
      })
      .finally(() => {
        if (this.drives.get(id) === drive) this.drives.delete(id);
      });
  }

  /** Dispatches nothing more for the experiment; runs already in flight are followed to their end. */
  stopDispatching(id: string): void {
    const drive = this.drives.get(id);
    if (drive) drive.dispatching = false;
  }

  /** Resolves when the experiment's loop (if any) has ended. */
  async settled(id: string): Promise<void> {
    await this.drives.get(id)?.done;
  }

  async close(): Promise<void> {
    for (const drive of this.drives.values()) drive.shutdown.abort();
    await Promise.all([...this.drives.values()].map((drive) => drive.done));
  }

  private async drive(id: string, drive: Drive): Promise<void> {
    const { experiments } = this.deps;
    const experiment = await experiments.getExperiment(id);
    if (!experiment) return;
    if (experiment.status !== 'running') drive.dispatching = false;
    const signal = drive.shutdown.signal;
    const inFlight = new Set<Promise<void>>();
    const track = (work: Promise<void>) => {
      const tracked = work
        .catch((error) => {
          if (!(error instanceof Stopped))
            getLogger().error({ err: error, experimentId: id }, 'experiment cell failed');
        })
        .finally(() => inFlight.delete(tracked));
      inFlight.add(tracked);
    };
    const limit = experiment.spec.concurrency;
    const onShutdown = stopped(signal);

    // Cells dispatched before a restart (or before a cancel) are followed first; they use up slots too.
    for (const cell of await experiments.findCells(id, 'running', RUNNING_CELLS_AT_ONCE)) {
      while (inFlight.size >= limit) await Promise.race(inFlight);
      track(this.runCell(experiment, cell, drive));
    }
    for (;;) {
      if (signal.aborted) throw new Stopped();
      const room = limit - inFlight.size;
      const pending = room > 0 && drive.dispatching ? await experiments.findCells(id, 'pending', room) : [];
      for (const cell of pending) {
        if (!drive.dispatching) break;
        const channelId = cellChannelId(id, cell.row, cell.variant, cell.attempt);
        await experiments.updateCell(id, cell.row, cell.variant, { status: 'running', channelId });
        track(this.runCell(experiment, { ...cell, status: 'running', channelId }, drive));
      }
      if (inFlight.size === 0 && (pending.length === 0 || !drive.dispatching)) break;
      if (inFlight.size > 0) await Promise.race([...inFlight, onShutdown]);
    }
    if (drive.dispatching) {
      const current = await experiments.getExperiment(id);
      if (current?.status === 'running')
        await experiments.updateExperiment(id, {
          status: 'finished',
          unansweredCells: await this.unansweredCells(id),
        });
    }
  }

  /** How many cells ended without an answer: the experiments list tells a finished batch with failures from a clean one. */
  private async unansweredCells(id: string): Promise<number> {
    const { experiments } = this.deps;
    const [failed, cancelled] = await Promise.all(
      (['failed', 'cancelled'] as const).map((status) =>
        experiments.findCells(id, status, Number.MAX_SAFE_INTEGER),
      ),
    );
    return failed.length + cancelled.length;
  }

  /** Dispatches the cell's run unless it exists already, then records its outcome when it ends. */
  private async runCell(experiment: ExperimentRecord, cell: ExperimentCell, drive: Drive): Promise<void> {
    const { experiments, runs, service } = this.deps;
    const channelId = cell.channelId as string;
    let run = await runs.getRun(channelId);
    if (!run) {
      const failure = await this.dispatchCell(experiment, cell, channelId, drive);
      if (failure) {
        await experiments.updateCell(experiment.id, cell.row, cell.variant, {
          status: 'failed',
          error: failure,
        });
        return;
      }
      // Cancelled while this cell was being dispatched: its run is stopped like the others.
      if (!drive.dispatching) await service.cancelRun(channelId, experiment.owner).catch(() => undefined);
    }
    run = await this.waitForEnd(channelId, drive.shutdown.signal);
    await experiments.updateCell(experiment.id, cell.row, cell.variant, await this.outcomeOf(run));
  }

  /** Stores and queues the cell's run; answers why it could not be dispatched, if so. */
  private async dispatchCell(
    experiment: ExperimentRecord,
    cell: ExperimentCell,
    channelId: string,
    drive: Drive,
  ): Promise<string | undefined> {
    const input =
      experiment.kind === 'batch'
        ? (await this.deps.experiments.readRows(experiment.id, [cell.row])).get(cell.row)
        : undefined;
    const parsed = dispatchRequestSchema.safeParse(cellRequest(experiment.spec, input, cell, channelId), {
      error: plainIssues,
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return `The request for this input is not valid: ${issue.path.join('.')}: ${issue.message}`;
    }
    for (;;) {
      if (drive.shutdown.signal.aborted) throw new Stopped();
      try {
        await this.deps.service.enqueueDispatch({
          request: parsed.data,
          timezone: experiment.spec.timezone,
          owner: experiment.owner,
        });
        return undefined;
      } catch (error) {
        if (!isApiError(error)) throw error;
        // Stored before a restart, with the cell's update lost: the run is there, follow it.
        if (error.code === 'CONFLICT') return undefined;
        if (error.code !== 'TOO_MANY_REQUESTS') return error.message;
        await sleep((error.extra.retryAfterSeconds ?? 1) * 1000 || QUEUE_FULL_WAIT_MS, drive.shutdown.signal);
      }
    }
  }

  private async waitForEnd(channelId: string, signal: AbortSignal): Promise<RunRecord> {
    const { runs, bus } = this.deps;
    for (;;) {
      if (signal.aborted) throw new Stopped();
      const seq = await runs.lastSeq(channelId);
      const run = await runs.getRun(channelId);
      if (!run) throw new Error(`Run ${channelId} disappeared`);
      if (isEnded(run.status)) return run;
      await untilWokenOrTimedOut(signal, FOLLOW_RECHECK_MS, (wake) =>
        bus.waitForAppend(channelId, seq, wake),
      );
    }
  }

  /** The reply's text pieces joined, up to event `last`: a run's reply so far when it has no result. */
  private async streamedText(channelId: string, last: number): Promise<string> {
    const { runs } = this.deps;
    let text = '';
    for (let after = 0; after < last; ) {
      const page = await runs.readEventJson(channelId, after, STREAMED_TEXT_PAGE);
      if (page.length === 0) break;
      for (const stored of page) {
        const { event } = parseStoredEvent(stored);
        if (event.type === 'token') text += event.data.token;
      }
      after = page[page.length - 1].seq;
    }
    return text;
  }

  private async outcomeOf(run: RunRecord): Promise<CellPatch> {
    const { runs } = this.deps;
    // The result event sits just before completeEnd: read the last few events only.
    const last = await runs.lastSeq(run.channelId);
    const tail = (await runs.readEventJson(run.channelId, Math.max(0, last - 8), 8)).map(parseStoredEvent);
    const result = tail.findLast((stored) => stored.event.type === 'result')?.event;
    const figures = summarizeRun(run);
    return {
      status: run.status === 'completed' ? 'completed' : run.status === 'cancelled' ? 'cancelled' : 'failed',
      // A run cancelled or failed mid-reply has no result: what it streamed is kept, as its page keeps it.
      output: result?.type === 'result' ? result.data.text : await this.streamedText(run.channelId, last),
      outputTokens: run.outputTokens,
      timeToFirstTokenMs: figures.timeToFirstTokenMs,
      durationMs: figures.durationMs,
      error: run.status === 'completed' ? undefined : run.error,
    };
  }
}

function stopped(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}
