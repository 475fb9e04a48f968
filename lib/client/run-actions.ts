// Cancel or retry several runs from the list: one request each, all reported together.
import { cancelRun, retryRun } from './api';

export type RunActionKind = 'cancel' | 'retry';

export interface RunActionReport {
  kind: RunActionKind;
  done: number;
  /** Why a run's action was refused, by channel id. */
  failures: { channelId: string; message: string }[];
}

export async function applyRunAction(kind: RunActionKind, channelIds: string[]): Promise<RunActionReport> {
  const act = kind === 'cancel' ? cancelRun : retryRun;
  const results = await Promise.allSettled(channelIds.map((channelId) => act(channelId)));
  const failures = results.flatMap((result, index) =>
    result.status === 'rejected'
      ? [{ channelId: channelIds[index], message: (result.reason as Error).message }]
      : [],
  );
  return { kind, done: channelIds.length - failures.length, failures };
}

const plural = (count: number) => `${count} run${count === 1 ? '' : 's'}`;

/** A sentence for the list's status line, e.g. "Cancelled 3 runs. 1 could not be cancelled: Run already completed". */
export function describeReport(report: RunActionReport): string {
  const verb = report.kind === 'cancel' ? 'Cancelled' : 'Retried';
  const parts = [`${verb} ${plural(report.done)}.`];
  if (report.failures.length > 0) {
    const what = report.kind === 'cancel' ? 'cancelled' : 'retried';
    parts.push(`${plural(report.failures.length)} could not be ${what}: ${report.failures[0].message}`);
  }
  return parts.join(' ');
}
