// Graceful drain on SIGTERM, for the web process and `npm run worker` alike: take no new work, let the
// runs executing here finish for up to SHUTDOWN_GRACE_MS, end the rest as failed (error event saying the
// server was shutting down, then completeEnd), end open subscriptions cleanly, close, exit 0. Runs that
// are still queued stay queued (in SQLite for the next start; in BullMQ for another worker).
import { endRun } from '../runs/end-run';
import type { ChannelBus, RunStore } from '../store/types';
import { closeSubscriptions, startDraining } from './drain-state';
import { getLogger } from './logger';
import { serverShutdownReason, SHUT_DOWN } from './shutdown';

/** Where runs execute in this process: the embedded queue, or a BullMQ worker. */
export interface RunExecution {
  /** Starts no further run; resolves once none runs here. */
  stopTakingRuns(): Promise<void>;
  /** Aborts every run executing here with `reason`. */
  abortRunning(reason: unknown): void;
  runningChannels(): string[];
}

/** How long aborted runs get to write their closing events before they are ended from outside. */
const ABORT_SETTLE_MS = 5_000;
/** How long closing the server, connections and store may take before the process exits without them. */
const CLOSE_MS = 10_000;

export interface DrainPlan {
  graceMs: number;
  executions: readonly RunExecution[];
  deps: { store: RunStore; bus: ChannelBus };
  /** Ends what the process holds once runs and subscriptions are done (server, connections, store, lock). */
  close(): Promise<void>;
}

/** Resolves true when `promise` settles within `ms`. */
async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  const settled = promise.then(
    () => true,
    () => true,
  );
  return Promise.race([settled, timeout]).finally(() => clearTimeout(timer));
}

export async function drain(plan: DrainPlan): Promise<void> {
  const log = getLogger();
  startDraining();
  const running = () => plan.executions.flatMap((execution) => execution.runningChannels());
  log.info({ graceMs: plan.graceMs, running: running().length }, 'shutting down: taking no new work');
  const idle = Promise.all(plan.executions.map((execution) => execution.stopTakingRuns()));
  if (!(await settlesWithin(idle, plan.graceMs))) {
    log.warn(
      { channelIds: running() },
      'shutdown grace period over: ending the runs still running as failed',
    );
    const reason = serverShutdownReason();
    for (const execution of plan.executions) execution.abortRunning(reason);
    if (!(await settlesWithin(idle, ABORT_SETTLE_MS))) {
      for (const channelId of running()) await endRun(plan.deps, channelId, SHUT_DOWN).catch(() => false);
    }
  }
  closeSubscriptions();
  // A connection can hang on close (a BullMQ worker blocked on a Redis that went away and came back):
  // the runs and subscriptions are dealt with by now, so the process exits anyway.
  if (!(await settlesWithin(plan.close(), CLOSE_MS)))
    log.warn({ closeMs: CLOSE_MS }, 'connections did not close in time: exiting without them');
  log.info('shut down');
}

/** Runs `onSignal` once on the first SIGTERM or SIGINT (a process manager may send both, or twice). */
export function onShutdownSignal(onSignal: (signal: NodeJS.Signals) => Promise<void>): void {
  let started = false;
  const handle = (signal: NodeJS.Signals) => {
    if (started) return;
    started = true;
    onSignal(signal).then(
      () => process.exit(0),
      (error) => {
        getLogger().error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', handle);
  process.on('SIGINT', handle);
}
