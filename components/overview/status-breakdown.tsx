// Runs by status as labelled numbers with proportional bars (the numbers carry the meaning; the bars
// only help the eye), each linking to the runs list filtered to that status. An ended status is counted in
// the overview's window, so its link keeps the window too (the list's "Created" filter: a run counted here
// ended in the window, and a run from a long wait may have been created before it); live counts are as of
// now, so theirs list every queued, running or waiting run.
import Link from 'next/link';
import { cn } from '@/components/ui/cn';
import { TOUCH_LINK_CLASSES } from '@/components/ui/touch-target';
import { isEnded } from '@/lib/run-status';
import type { OverviewWindow, RunsOverview } from '@/lib/runs/overview';

const STATUSES: { key: keyof RunsOverview['byStatus']; label: string; bar: string }[] = [
  { key: 'queued', label: 'Queued', bar: 'bg-zinc-400' },
  { key: 'running', label: 'Running', bar: 'bg-sky-500' },
  { key: 'waiting', label: 'Waiting', bar: 'bg-amber-500' },
  { key: 'completed', label: 'Completed', bar: 'bg-emerald-500' },
  { key: 'failed', label: 'Failed', bar: 'bg-red-500' },
  { key: 'cancelled', label: 'Cancelled', bar: 'bg-zinc-500' },
];

export function StatusBreakdown({
  byStatus,
  window,
}: {
  byStatus: RunsOverview['byStatus'];
  window: OverviewWindow;
}) {
  const largest = Math.max(1, ...Object.values(byStatus));
  return (
    <section
      aria-labelledby="by-status"
      className="rounded-lg border border-zinc-200 p-3 dark:border-zinc-800"
    >
      <h2 id="by-status" className="mb-2 text-sm font-medium">
        Runs by status
      </h2>
      <ul className="grid grid-cols-1 gap-x-6 gap-y-2 sm:grid-cols-2 lg:grid-cols-3">
        {STATUSES.map(({ key, label, bar }) => (
          <li key={key} className="space-y-1" data-testid={`status-${key}`}>
            <div className="flex items-center justify-between text-sm">
              <Link
                href={`/runs?status=${key}${isEnded(key) ? `&since=${window}` : ''}`}
                className={cn('hover:underline', TOUCH_LINK_CLASSES)}
              >
                {label}
              </Link>
              <span className="font-semibold tabular-nums">{byStatus[key].toLocaleString()}</span>
            </div>
            <div className="h-1.5 rounded-full bg-zinc-100 dark:bg-zinc-800" aria-hidden="true">
              <div
                className={cn('h-1.5 rounded-full', bar)}
                style={{ width: `${(byStatus[key] / largest) * 100}%` }}
              />
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
