// Ending a run that its executor cannot end itself (never started, or its process died): the closing
// events and the final status are stored in one atomic step, and only if the run is still in `from`.
import type { ChannelEvent } from '../events';
import { processMetrics } from '../metrics/registry';
import { STARTED_LIVE_STATUSES, type RunStatus } from '../run-status';
import type { ChannelBus, RunStore } from '../store/types';

export interface RunEnding {
  from: readonly RunStatus[];
  status: 'failed' | 'cancelled';
  /** The run's error (shown in lists); for a failure, also the error event's message. */
  error: string;
  eventMessage?: string;
}

/** Says whether the run was ended here (false when it had already left `from`). */
export async function endRun(
  deps: { store: RunStore; bus: ChannelBus },
  channelId: string,
  ending: RunEnding,
): Promise<boolean> {
  const closing: ChannelEvent =
    ending.status === 'cancelled'
      ? { type: 'abort', data: { reason: 'cancelled' } }
      : { type: 'error', data: { message: ending.eventMessage ?? ending.error } };
  const stored = await deps.store.appendEvents(
    channelId,
    [closing, { type: 'completeEnd', data: {} }],
    { status: ending.status, endedAt: Date.now(), error: ending.error },
    ending.from,
  );
  if (stored.length === 0) return false;
  processMetrics().eventsAppended.inc(stored.length);
  processMetrics().runsEnded.inc({ status: ending.status });
  deps.bus.notifyAppended(channelId, stored[stored.length - 1].seq);
  return true;
}

/** A run whose process stopped while it ran: failed, after the events it had stored. */
export const INTERRUPTED: RunEnding = {
  from: STARTED_LIVE_STATUSES,
  status: 'failed',
  error: 'Interrupted by a server restart',
  eventMessage: 'The server stopped while this run was in progress.',
};

/** A run whose worker stopped while it ran (Redis mode): failed, found by another worker. */
export const WORKER_LOST: RunEnding = {
  from: STARTED_LIVE_STATUSES,
  status: 'failed',
  error: 'Its worker stopped',
  eventMessage: 'The worker running this run stopped before the run ended.',
};

export const CANCELLED_WHILE_QUEUED: RunEnding = {
  from: ['queued'],
  status: 'cancelled',
  error: 'Cancelled',
};

/** A run whose executor threw (e.g. the store refused a write): failed rather than left running. */
export const RUN_CRASHED: RunEnding = {
  from: STARTED_LIVE_STATUSES,
  status: 'failed',
  error: 'Stopped on an internal error',
  eventMessage: 'The run stopped on an internal error.',
};
