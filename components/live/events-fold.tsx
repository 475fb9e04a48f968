'use client';
// The raw event log, folded behind "Show events"; whether it is open is remembered per browser.
import { useEffect, useRef, useState } from 'react';
import type { EventLog } from '@/lib/client/event-log';
import { EventTimeline } from './event-timeline';

const OPEN_KEY = 'dispatch-studio.live.events-open';

export function EventsFold({ events }: { events: EventLog }) {
  const [open, setOpen] = useState(false);
  const details = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    // A click on the summary before hydration opens the element natively, with no toggle handler yet to
    // hear it: keep it open then, as well as when this browser opened it last time.
    const openedEarly = details.current?.open ?? false;
    setOpen(openedEarly || localStorage.getItem(OPEN_KEY) === '1');
  }, []);
  return (
    <details
      ref={details}
      open={open}
      onToggle={(event) => {
        const next = event.currentTarget.open;
        setOpen(next);
        localStorage.setItem(OPEN_KEY, next ? '1' : '0');
      }}
      className="rounded-lg border border-zinc-200 dark:border-zinc-700"
    >
      <summary className="cursor-pointer px-3 py-2 text-sm font-medium">
        {open ? 'Hide events' : 'Show events'}{' '}
        <span className="text-zinc-700 dark:text-zinc-300">({events.length})</span>
      </summary>
      {open ? <EventTimeline events={events} /> : null}
    </details>
  );
}
