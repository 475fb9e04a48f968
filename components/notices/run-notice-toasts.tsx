'use client';
// Toasts for runs that failed or started waiting for an answer while the dashboard is open, each with
// a link to the run. They stay until dismissed (one per run, at most three), announced politely to
// screen readers. The page of the run itself shows none for it (it says so at its top), and opening it
// dismisses its toast.
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useCallback, useEffect } from 'react';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { useRunNotices } from '@/lib/client/use-run-notices';
import type { DashboardNotice } from '@/lib/runs/notices';
import { runPagePath } from '@/lib/client/page-paths';

export function RunNoticeToasts() {
  const { notices: all, dismiss, dismissAll } = useRunNotices();
  const pathname = usePathname();
  const onItsPage = useCallback(
    (notice: DashboardNotice) => pathname === runPagePath(notice.channelId),
    [pathname],
  );
  // Opening a run's page is reading its news: the toast does not come back on the next page.
  useEffect(() => {
    for (const notice of all) if (onItsPage(notice)) dismiss(notice.id);
  }, [all, onItsPage, dismiss]);
  const notices = all.filter((notice) => !onItsPage(notice));
  return (
    <section
      aria-label="Run notifications"
      aria-live="polite"
      className="pointer-events-none fixed inset-x-3 bottom-3 z-50 flex flex-col items-end gap-2 sm:left-auto sm:w-96"
    >
      {notices.map((notice) => (
        <div
          key={notice.id}
          data-testid="run-toast"
          className={cn(
            'pointer-events-auto w-full rounded-lg border p-3 shadow-lg',
            notice.status === 'failed'
              ? 'border-red-300 bg-red-50 text-red-950 dark:border-red-800 dark:bg-red-950 dark:text-red-50'
              : 'border-amber-300 bg-amber-50 text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-50',
          )}
        >
          <div className="flex items-start justify-between gap-2">
            <p className="min-w-0 text-sm">
              <span className="font-semibold">
                {notice.status === 'failed' ? 'A run failed' : 'A run is waiting for an answer'}
              </span>
              <span className="block truncate">{notice.title || '(no user message)'}</span>
            </p>
            <Button
              size="sm"
              variant="ghost"
              onClick={() => dismiss(notice.id)}
              aria-label="Dismiss notification"
            >
              ✕
            </Button>
          </div>
          <Link
            href={runPagePath(notice.channelId)}
            className="text-sm font-medium underline"
          >
            Open the run
          </Link>
        </div>
      ))}
      {notices.length > 1 ? (
        <Button size="sm" className="pointer-events-auto" onClick={dismissAll}>
          Dismiss all
        </Button>
      ) : null}
    </section>
  );
}
