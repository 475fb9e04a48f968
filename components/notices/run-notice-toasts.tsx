'use client';
// Toasts for runs that failed or started waiting for an answer while the dashboard is open, each with
// a link to the run, announced politely to screen readers. One per run while three fit; beyond that one
// per kind counting its runs, with a link to the runs list showing them (lib/client/notice-toasts). On a
// phone only the newest toast, with how many more runs. A toast of runs waiting for an answer closes by itself after a
// while (the runs list keeps the news), but not while the pointer rests on the toasts or focus is in them; a toast of
// failed runs stays until it is dismissed or the run is seen, so an operator who looked away still learns of it; Alt+N takes the keyboard there from
// anywhere (they come last on the page, too far to Tab to in time) and Escape back. A page that shows the run itself
// (its own page, or its experiment's) shows no toast for it, and the run's page dismisses its toast; following a
// summary toast to the runs list dismisses the runs it counted.
// They sit in the toast stack (components/ui/toast-stack), above a page's own notice.
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { MAIN_CONTENT_ID } from '@/components/ui/main-content';
import { cn } from '@/components/ui/cn';
import { TOUCH_LINK_CLASSES } from '@/components/ui/touch-target';
import { noticesOf, noticeToasts, summaryHeadline, type NoticeToast } from '@/lib/client/notice-toasts';
import { pageShowsRun, runPagePath } from '@/lib/client/page-paths';
import { paramsOfFilter } from '@/lib/client/run-list-url';
import { useRunNotices } from '@/lib/client/use-run-notices';
import type { DashboardNotice } from '@/lib/runs/notices';

/** How long a toast stays when no one is reading it. */
const TOAST_LIFETIME_MS = 15_000;

export function RunNoticeToasts() {
  const { notices: all, dismiss, dismissAll } = useRunNotices();
  const pathname = usePathname();
  const [hovered, setHovered] = useState(false);
  const [focused, setFocused] = useState(false);
  // Where the keyboard was before it came to the toasts: it goes back there once the last is dismissed.
  const region = useRef<HTMLElement>(null);
  const cameFrom = useRef<HTMLElement | null>(null);
  /** After a ✕ or Dismiss all: focus stays with the toasts left, or goes back where it came from (not the page's start). */
  const keepFocus = useCallback(() => {
    requestAnimationFrame(() => {
      const next = region.current?.querySelector<HTMLElement>('button, a');
      const back = cameFrom.current?.isConnected
        ? cameFrom.current
        : document.getElementById(MAIN_CONTENT_ID);
      (next ?? back)?.focus();
    });
  }, []);
  const dismissHere = useCallback(
    (ids: readonly string[]) => {
      dismiss(ids);
      keepFocus();
    },
    [dismiss, keepFocus],
  );
  const shownElsewhere = useCallback(
    (notice: DashboardNotice) => pageShowsRun(pathname, notice.channelId),
    [pathname],
  );
  // Opening a run's page is reading its news: the toast does not come back on the next page.
  useEffect(() => {
    const read = all.filter((notice) => pathname === runPagePath(notice.channelId));
    if (read.length > 0) dismiss(read.map((notice) => notice.id));
  }, [all, pathname, dismiss]);
  const notices = all.filter((notice) => !shownElsewhere(notice));
  const toasts = noticeToasts(notices);
  const showing = toasts.length > 0;
  useEffect(() => {
    if (!showing) return;
    const onKeyDown = (event: KeyboardEvent) => {
      // By the key's place, not its letter: Alt+N types a character of its own on a Mac.
      if (event.code !== 'KeyN' || !event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
      event.preventDefault();
      // The newest notice's link ("Open the run") first: what the notice is for, rather than its ✕.
      const links = region.current?.querySelectorAll<HTMLElement>('a') ?? [];
      (links[links.length - 1] ?? region.current?.querySelector<HTMLElement>('button'))?.focus();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [showing]);
  // The runs the newest toast does not stand for, each counted (a summary toast stands for several).
  const more = notices.length - (toasts.length > 0 ? noticesOf(toasts[toasts.length - 1]).length : 0);
  return (
    <section
      aria-label="Run notifications"
      aria-live="polite"
      className="flex flex-col items-end gap-2 sm:ml-auto sm:w-96 lg:shrink-0"
      ref={region}
      onFocus={(event) => {
        // From nowhere (the page's start, after a dismissed toast's button went away) is not a place to go back to.
        const from = event.relatedTarget;
        if (from instanceof HTMLElement && !event.currentTarget.contains(from)) cameFrom.current = from;
        setFocused(true);
      }}
      onBlur={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget)) setFocused(false);
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && cameFrom.current?.isConnected) cameFrom.current.focus();
      }}
    >
      {toasts.map((toast, index) => (
        <NoticeToastCard
          key={toast.key}
          toast={toast}
          // On a phone only the newest shows: three would cover half the screen.
          newest={index === toasts.length - 1}
          paused={hovered || focused}
          onHover={setHovered}
          onDismiss={dismiss}
          onDismissHere={dismissHere}
        />
      ))}
      {more > 0 ? (
        <div className="pointer-events-auto flex items-center gap-2">
          <span className="rounded-md bg-white/90 px-2 py-1 text-xs text-zinc-700 sm:hidden dark:bg-zinc-900/90 dark:text-zinc-300">
            {more} more
          </span>
          <Button
            size="sm"
            onClick={() => {
              dismissAll();
              keepFocus();
            }}
          >
            Dismiss all
          </Button>
        </div>
      ) : null}
    </section>
  );
}

function NoticeToastCard({
  toast,
  newest,
  paused,
  onHover,
  onDismiss,
  onDismissHere,
}: {
  toast: NoticeToast;
  newest: boolean;
  paused: boolean;
  onHover: (hovered: boolean) => void;
  /** Its time is up. */
  onDismiss: (ids: readonly string[]) => void;
  /** Its ✕ was pressed. */
  onDismissHere: (ids: readonly string[]) => void;
}) {
  const notices = noticesOf(toast);
  const status = notices[0].status;
  // The clock starts again from the full time once the reader moves away, and when a run joins the toast.
  const ids = notices.map((notice) => notice.id);
  // The ids as one value, so the clock is not restarted by a render that changed nothing.
  const idsKey = JSON.stringify(ids);
  useEffect(() => {
    if (paused || status === 'failed') return;
    const timer = setTimeout(() => onDismiss(JSON.parse(idsKey) as string[]), TOAST_LIFETIME_MS);
    return () => clearTimeout(timer);
  }, [paused, status, idsKey, onDismiss]);
  return (
    <div
      data-testid="run-toast"
      onPointerEnter={() => onHover(true)}
      onPointerLeave={() => onHover(false)}
      className={cn(
        'pointer-events-auto w-full rounded-lg border p-3 shadow-lg',
        !newest && 'max-sm:hidden',
        status === 'failed'
          ? 'border-red-300 bg-red-50 text-red-950 dark:border-red-800 dark:bg-red-950 dark:text-red-50'
          : 'border-amber-300 bg-amber-50 text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-50',
      )}
    >
      <div className="flex items-start justify-between gap-2">
        {toast.kind === 'run' ? (
          <p className="min-w-0 text-sm">
            <span className="font-semibold">
              {status === 'failed' ? 'A run failed' : 'A run is waiting for an answer'}
            </span>
            <span className="block truncate">{toast.notice.title || '(no user message)'}</span>
          </p>
        ) : (
          <p className="min-w-0 text-sm font-semibold">{summaryHeadline(status, notices.length)}</p>
        )}
        {/* On a touch screen the ✕ is a finger's size; it reaches into the toast's padding rather than
            setting the headline row's height (which left a gap under a one-line headline). */}
        <Button
          size="sm"
          variant="ghost"
          className="shrink-0 pointer-coarse:-my-2.5 pointer-coarse:-mr-2"
          onClick={() => {
            // Gone from under the pointer, it gets no pointerleave: the others' clocks must not stay paused.
            onHover(false);
            onDismissHere(ids);
          }}
          aria-label="Dismiss notification"
        >
          ✕
        </Button>
      </div>
      {/* Said with the newest notice, whose link Alt + N reaches, so the keyboard gets there before it closes. */}
      {newest ? (
        <p className="text-xs pointer-coarse:hidden">
          {toast.kind === 'run'
            ? 'Press Alt + N, then Enter, to open it.'
            : 'Press Alt + N, then Enter, to see them.'}
        </p>
      ) : null}
      {toast.kind === 'run' ? (
        <Link
          href={runPagePath(toast.notice.channelId)}
          className={cn('text-sm font-medium underline', TOUCH_LINK_CLASSES)}
        >
          Open the run
        </Link>
      ) : (
        <Link
          href={`/runs?${paramsOfFilter({ status })}`}
          className={cn('text-sm font-medium underline', TOUCH_LINK_CLASSES)}
          // The list shows them all: that is their news read, so opening one of them next does not bring
          // the others back as toasts of their own.
          onClick={() => {
            onHover(false);
            onDismiss(ids);
          }}
        >
          See them in the runs list
        </Link>
      )}
    </div>
  );
}
