// How a run stopped by a server shutdown ends: failed, with an error event saying why. Its executor is
// aborted with this reason, so it can tell a shutdown from a user's cancel.
import type { RunEnding } from '../runs/end-run';
import { STARTED_LIVE_STATUSES } from '../run-status';

const SHUTDOWN_BRAND = Symbol.for('dispatch-studio.server-shutdown');

export const SHUTDOWN_EVENT_MESSAGE =
  'The server was shutting down and stopped this run before it ended. Dispatch it again to rerun it.';

/** For a run that its executor could not end in time: the same ending, written from outside. */
export const SHUT_DOWN: RunEnding = {
  from: STARTED_LIVE_STATUSES,
  status: 'failed',
  error: SHUTDOWN_EVENT_MESSAGE,
};

export function serverShutdownReason(): Error {
  return Object.assign(new Error(SHUTDOWN_EVENT_MESSAGE), { [SHUTDOWN_BRAND]: true });
}

export const isServerShutdown = (reason: unknown): boolean =>
  typeof reason === 'object' && reason !== null && SHUTDOWN_BRAND in reason;
