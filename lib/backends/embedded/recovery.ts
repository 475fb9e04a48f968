// Crash recovery for the embedded backend: the queue lived in the process that stopped, so at start-up
// a run it was running is failed (never silently re-run) and a run it had not started is queued again.
import { getLogger } from '../../ops/logger';
import { endRun, INTERRUPTED } from '../../runs/end-run';
import type { RunQueue } from '../../runs/queue';
import { STARTED_LIVE_STATUSES } from '../../run-status';
import type { ChannelBus, RunStore } from '../../store/types';

interface RecoveryDeps {
  store: RunStore;
  bus: ChannelBus;
  queue: RunQueue;
}

export async function recoverAfterRestart(deps: RecoveryDeps): Promise<void> {
  const failed = await failInterruptedRuns(deps);
  if (failed.length > 0) getLogger().warn({ channelIds: failed }, 'marked interrupted runs failed');
  await requeueWaitingRuns(deps);
}

/** A run that was running or waiting is failed, with error and completeEnd after the events it had stored. */
async function failInterruptedRuns(deps: RecoveryDeps): Promise<string[]> {
  const interrupted = await deps.store.findRunsByStatus(STARTED_LIVE_STATUSES);
  for (const run of interrupted) await endRun(deps, run.channelId, INTERRUPTED);
  return interrupted.map((run) => run.channelId);
}

/** Queued runs that never started are handed to the queue again (they never ran, so this is not a re-run). */
async function requeueWaitingRuns(deps: RecoveryDeps): Promise<void> {
  for (const run of await deps.store.findRunsByStatus(['queued'])) {
    const ticket = await deps.queue.reserve(run.owner).catch(() => undefined);
    if (!ticket) return;
    await ticket.submit(run.channelId);
  }
}
