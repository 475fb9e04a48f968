// A run's life: queued → running → (waiting) → completed | failed | cancelled. Shared by the server and
// the browser (lists, badges, the live view), so it depends on nothing.
export const RUN_STATUSES = ['queued', 'running', 'waiting', 'completed', 'failed', 'cancelled'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
export const ENDED_STATUSES: readonly RunStatus[] = ['completed', 'failed', 'cancelled'];
export const isEnded = (status: RunStatus) => ENDED_STATUSES.includes(status);
/** A run that started and has not ended: its executor (or, once it is lost, recovery) ends it. */
export const STARTED_LIVE_STATUSES: readonly RunStatus[] = ['running', 'waiting'];
