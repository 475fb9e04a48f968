// What POST /api/runs/actions takes and answers, shared by the server and the runs list (no server code).

/** The most runs one request acts on; the runs list's "every run that matches" reads at most this many. */
export const RUN_ACTIONS_MAX = 1_000;

export type RunActionKind = 'cancel' | 'retry';

export interface RunActionsResult {
  action: RunActionKind;
  /** The runs acted on; a retried run with the run that retries it. */
  done: { channelId: string; retriedAs?: string }[];
  /** The runs refused, each with why (e.g. "Run already completed"). */
  failures: { channelId: string; code: string; message: string }[];
}
