'use client';
// One event of the events list in full, below the list: its data wrapped, every line of it (a row shows
// only the start). Opened by choosing the row, closed by choosing it again or with Close.
import { memo } from 'react';
import { Button } from '@/components/ui/button';
import { formatTime } from '@/lib/client/format';
import type { StoredEvent } from '@/lib/events';

interface EventInFullProps {
  id: string;
  stored: StoredEvent;
  onClose: () => void;
}

/** Memoised by seq: the list hands a fresh copy of the event each frame, and a long one is costly to show. */
export const EventInFull = memo(
  EventInFullView,
  (before, after) => before.stored.seq === after.stored.seq && before.id === after.id && before.onClose === after.onClose,
);

function EventInFullView({ id, stored, onClose }: EventInFullProps) {
  const data = JSON.stringify(stored.event.data, null, 2);
  return (
    <section
      id={id}
      aria-label={`Event #${stored.seq} in full`}
      className="border-t border-zinc-200 px-3 py-2 dark:border-zinc-700"
    >
      <div className="flex items-center justify-between gap-2">
        <p className="font-mono text-xs">
          <span className="text-zinc-700 dark:text-zinc-300">
            #{stored.seq} · {formatTime(stored.at)} ·{' '}
          </span>
          <span className="font-semibold break-all">{stored.event.type}</span>
        </p>
        <Button size="sm" variant="ghost" onClick={onClose}>
          Close
        </Button>
      </div>
      {data === '{}' ? null : (
        // Scrolls on its own when an event is very long (a whole reply's text), so the page stays short.
        <pre
          tabIndex={0}
          aria-label={`Data of event #${stored.seq}`}
          className="mt-1 max-h-96 overflow-y-auto font-mono text-xs break-words whitespace-pre-wrap text-zinc-800 dark:text-zinc-200"
        >
          {data}
        </pre>
      )}
    </section>
  );
}
