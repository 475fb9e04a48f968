'use client';
// The raw events with their seq and arrival time. Virtualized with a fixed row height: only the rows
// in view are in the DOM, so a 20,000-token run stays cheap to render. Follows the end while the
// reader is at the bottom.
import { useLayoutEffect, useRef, useState } from 'react';
import type { StoredEvent } from '@/lib/events';
import { formatTime } from '@/lib/client/format';

const ROW_HEIGHT = 24;
const VIEW_HEIGHT = 288;
const OVERSCAN = 8;

function describeEvent(stored: StoredEvent): string {
  const { event } = stored;
  const data = JSON.stringify(event.data);
  return data === '{}' ? '' : data;
}

export function EventTimeline({ events }: { events: StoredEvent[] }) {
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [following, setFollowing] = useState(true);
  const total = events.length * ROW_HEIGHT;

  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element || !following) return;
    element.scrollTop = total;
    setScrollTop(element.scrollTop);
  }, [total, following]);

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(events.length, Math.ceil((scrollTop + VIEW_HEIGHT) / ROW_HEIGHT) + OVERSCAN);
  const visible = events.slice(first, last);

  return (
    <section aria-labelledby="timeline-heading" className="rounded-lg border border-zinc-200 dark:border-zinc-800">
      <h2 id="timeline-heading" className="border-b border-zinc-200 px-3 py-2 text-sm font-semibold dark:border-zinc-800">
        Events <span className="font-normal text-zinc-500">({events.length})</span>
      </h2>
      <div
        ref={scroller}
        role="log"
        aria-label="Event timeline"
        tabIndex={0}
        className="relative overflow-y-auto font-mono text-xs"
        style={{ height: VIEW_HEIGHT }}
        onScroll={(event) => {
          const element = event.currentTarget;
          setScrollTop(element.scrollTop);
          setFollowing(element.scrollTop + element.clientHeight >= element.scrollHeight - ROW_HEIGHT);
        }}
      >
        <div style={{ height: total, position: 'relative' }}>
          {visible.map((stored, index) => (
            <div
              key={stored.seq}
              data-seq={stored.seq}
              className="absolute inset-x-0 flex gap-3 truncate px-3 leading-6 odd:bg-zinc-50 dark:odd:bg-zinc-900"
              style={{ top: (first + index) * ROW_HEIGHT, height: ROW_HEIGHT }}
            >
              <span className="w-12 shrink-0 text-right text-zinc-500">#{stored.seq}</span>
              <span className="w-16 shrink-0 text-zinc-500">{formatTime(stored.at)}</span>
              <span className="w-44 shrink-0 font-semibold">{stored.event.type}</span>
              <span className="truncate text-zinc-600 dark:text-zinc-400">{describeEvent(stored)}</span>
            </div>
          ))}
        </div>
      </div>
    </section>
  );
}
