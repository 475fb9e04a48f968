// Cancel or retry several runs from the list: one request per thousand runs (POST /api/runs/actions), each
// run's refusal reported with it.
import { RUN_ACTIONS_MAX, type RunActionKind, type RunActionsResult } from '../runs/run-actions-shape';
import { applyRunActions } from './api';

export type { RunActionKind };

export interface RunActionReport {
  kind: RunActionKind;
  done: number;
  /** Why a run's action was refused, by channel id. */
  failures: { channelId: string; message: string }[];
  /** Chosen runs the action did not apply to, left alone: ended ones for cancel, live ones for retry. */
  leftAlone?: number;
}

export async function applyRunAction(kind: RunActionKind, channelIds: string[]): Promise<RunActionReport> {
  const report: RunActionReport = { kind, done: 0, failures: [] };
  for (let start = 0; start < channelIds.length; start += RUN_ACTIONS_MAX) {
    const part = channelIds.slice(start, start + RUN_ACTIONS_MAX);
    const result: RunActionsResult | Error = await applyRunActions(kind, part).catch((error: Error) => error);
    if (result instanceof Error) {
      report.failures.push(...part.map((channelId) => ({ channelId, message: result.message })));
      continue;
    }
    report.done += result.done.length;
    report.failures.push(...result.failures);
  }
  return report;
}

const plural = (count: number) => `${count.toLocaleString()} run${count === 1 ? '' : 's'}`;

/** Why chosen runs were left alone, by action. */
const LEFT_ALONE: Record<RunActionKind, (count: number) => string> = {
  cancel: (count) => `${plural(count)} had already ended and ${count === 1 ? 'was' : 'were'} left as ${count === 1 ? 'it was' : 'they were'}.`,
  retry: (count) => `${plural(count)} still going ${count === 1 ? 'was' : 'were'} not retried.`,
};

/**
 * A sentence for the list's status line, e.g. "Cancelled 3 runs. 1 run could not be cancelled: Run already
 * completed. 2 runs had already ended and were left as they were."
 */
export function describeReport(report: RunActionReport): string {
  const verb = report.kind === 'cancel' ? 'Cancelled' : 'Retried';
  const parts = [`${verb} ${plural(report.done)}.`];
  if (report.failures.length > 0) {
    const what = report.kind === 'cancel' ? 'cancelled' : 'retried';
    const why = report.failures[0].message;
    parts.push(`${plural(report.failures.length)} could not be ${what}: ${why}${/[.!?]$/.test(why) ? '' : '.'}`);
  }
  if (report.leftAlone) parts.push(LEFT_ALONE[report.kind](report.leftAlone));
  return parts.join(' ');
}
