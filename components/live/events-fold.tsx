'use client';
// The raw event log, folded behind "Show events"; whether it is open is remembered per browser.
import type { EventLog } from '@/lib/client/event-log';
import { useRememberedOpen } from '@/components/ui/use-remembered-open';
import { EventTimeline } from './event-timeline';

export function EventsFold({ events }: { events: EventLog }) {
  const { details, open, onToggle } = useRememberedOpen('dispatch-studio.live.events-open');
  return (
    <details
      ref={details}
      open={open}
      onToggle={onToggle}
      className="rounded-lg border border-zinc-200 dark:border-zinc-700"
    >
      <summary className="cursor-pointer px-3 py-2 text-sm pointer-coarse:py-3 font-medium">
        {open ? 'Hide events' : 'Show events'}{' '}
        <span className="text-zinc-700 dark:text-zinc-300">({events.length})</span>
      </summary>
      {open ? <EventTimeline events={events} /> : null}
    </details>
  );
}
