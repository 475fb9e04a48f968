// Crash recovery for the Redis backend. Web and worker processes come and go while the queue lives on
// in Redis, so nothing is settled at start-up (another process may be running those runs). A run whose
// worker died is found instead when BullMQ hands its job out again after the lock expired.
import { endRun, WORKER_LOST } from '../../runs/end-run';
import type { ChannelBus, RunRecord, RunStore } from '../../store/types';

/**
 * A job whose run already started was held by a worker that died: the run is failed with an error
 * event after the events it had stored, never re-run. Says whether it was such a job. `reading`: the
 * run's record as read before the job's run was started.
 */
export async function failRunOfLostWorker(
  deps: { store: RunStore; bus: ChannelBus },
  channelId: string,
  reading: Promise<RunRecord | undefined> = deps.store.getRun(channelId),
): Promise<boolean> {
  const run = await reading;
  if (run?.status !== 'running' && run?.status !== 'waiting') return false;
  await endRun(deps, channelId, WORKER_LOST);
  return true;
}

/** Start-up recovery: none needed (see above); queued runs wait in BullMQ across restarts. */
export async function recoverAfterRestart(): Promise<void> {}
