'use client';
// Polls the caller's run notices (failed, started waiting) from the moment the dashboard opened. A run
// has one notice at a time: its newest (a run that waited and then failed shows only that it failed).
// Every run's notice is kept until dismissed or timed out, however many come: beyond what fits, the
// toasts count them (lib/client/notice-toasts). News of runs also refreshes the runs lists on screen, so a
// toast's "See them in the runs list" finds them there at once rather than at the list's next poll.
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import type { DashboardNotice } from '../runs/notices';
import { getNotices } from './api';
import { queryKeys } from './keys';

const POLL_MS = 2000;

/** The shown notices with the new ones added: one per run (its newest), oldest first. */
export function addNotices(shown: DashboardNotice[], added: DashboardNotice[]): DashboardNotice[] {
  let notices = shown;
  for (const notice of added) {
    notices = [...notices.filter((old) => old.channelId !== notice.channelId), notice];
  }
  return notices;
}

export function useRunNotices(): {
  notices: DashboardNotice[];
  dismiss: (ids: readonly string[]) => void;
  dismissAll: () => void;
} {
  const [notices, setNotices] = useState<DashboardNotice[]>([]);
  const queryClient = useQueryClient();
  useEffect(() => {
    let cursor: string | undefined;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const page = await getNotices(cursor);
        // Without a cursor yet the server answers with "now": older notices are not announced.
        cursor = page.cursor ?? '';
        if (page.items.length > 0 && !stopped) {
          setNotices((shown) => addNotices(shown, page.items));
          void queryClient.invalidateQueries({ queryKey: queryKeys.runs.lists });
          void queryClient.invalidateQueries({ queryKey: queryKeys.runs.waiting });
        }
      } catch {
        // A failed poll is tried again at the next tick.
      }
      if (!stopped) timer = setTimeout(poll, POLL_MS);
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [queryClient]);
  const dismiss = useCallback(
    (ids: readonly string[]) => setNotices((shown) => shown.filter((notice) => !ids.includes(notice.id))),
    [],
  );
  const dismissAll = useCallback(() => setNotices([]), []);
  return { notices, dismiss, dismissAll };
}
