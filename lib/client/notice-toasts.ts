// Which toasts the run notices make. Up to TOASTS_THAT_FIT runs each get their own; beyond that, the runs
// of one kind (failed, or waiting for an answer) share one toast that counts them and links to the runs list
// filtered to them, so no run is dropped unannounced and the count is the true one.
import type { DashboardNotice } from '../runs/notices';

/** How many toasts stand on a wide screen before they would cover the page. */
export const TOASTS_THAT_FIT = 3;

export type NoticeToast =
  | { kind: 'run'; key: string; notice: DashboardNotice }
  | { kind: 'summary'; key: string; status: DashboardNotice['status']; notices: DashboardNotice[] };

/** The toasts for `notices` (oldest first), the one with the newest notice last. */
export function noticeToasts(notices: DashboardNotice[]): NoticeToast[] {
  if (notices.length <= TOASTS_THAT_FIT) return notices.map(runToast);
  // Each kind with the place of its newest notice, so the kind with the newest news comes last.
  const byStatus = new Map<DashboardNotice['status'], { group: DashboardNotice[]; newest: number }>();
  notices.forEach((notice, index) => {
    const kind = byStatus.get(notice.status) ?? { group: [], newest: index };
    kind.group.push(notice);
    kind.newest = index;
    byStatus.set(notice.status, kind);
  });
  return [...byStatus.entries()]
    .sort(([, a], [, b]) => a.newest - b.newest)
    .map(([status, { group }]) =>
      group.length === 1 ? runToast(group[0]) : { kind: 'summary', key: `summary-${status}`, status, notices: group },
    );
}

/** The notices a toast stands for. */
export const noticesOf = (toast: NoticeToast): DashboardNotice[] =>
  toast.kind === 'run' ? [toast.notice] : toast.notices;

/** What a summary toast says, e.g. "8 runs are waiting for an answer". */
export const summaryHeadline = (status: DashboardNotice['status'], count: number): string =>
  status === 'failed' ? `${count} runs failed` : `${count} runs are waiting for an answer`;

const runToast = (notice: DashboardNotice): NoticeToast => ({ kind: 'run', key: notice.id, notice });
