'use client';
// The raw events with their seq and the time the server stored them (the same after a reload).
// Virtualized with a fixed row height: only the rows in view are in the DOM and are read from the
// append-only event log, so a frame costs the same at event 100 and at event 100,000. Follows the end
// while the reader is at the bottom, holding still while a pointer is pressed (a text selection or a
// drag begun in the log would otherwise run away) and catching up once it is let go. A row shows the
// start of its event; choosing it (tap, click, Enter) shows the whole event below the list. The list is
// no taller than its rows, up to VIEW_HEIGHT.
import { memo, useCallback, useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import { sliceEvents, type EventLog } from '@/lib/client/event-log';
import type { StoredEvent } from '@/lib/events';
import { formatTime } from '@/lib/client/format';
import { followAfterScroll, movedToEnd, startFollowing } from '@/lib/client/follow-rule';
import { usePointerHeld } from '@/lib/client/use-pointer-held';
import { EventInFull } from './event-in-full';

/** One line per event; on phones two (the data gets its own full-width line instead of a sliver). */
const WIDE_ROW_HEIGHT = 24;
const NARROW_ROW_HEIGHT = 44;
const VIEW_HEIGHT = 288;
const NARROW_QUERY = '(max-width: 639px)';

function useNarrow(): boolean {
  const [narrow, setNarrow] = useState(false);
  useEffect(() => {
    const query = window.matchMedia(NARROW_QUERY);
    const update = () => setNarrow(query.matches);
    update();
    query.addEventListener('change', update);
    return () => query.removeEventListener('change', update);
  }, []);
  return narrow;
}
const OVERSCAN = 8;

/** A row shows one line; the rest of a long event (a whole reply's text) would be cut off anyway. */
const DESCRIPTION_CHARACTERS = 500;

function describeEvent(stored: StoredEvent): string {
  const { event } = stored;
  const data = JSON.stringify(event.data);
  return data === '{}' ? '' : data.slice(0, DESCRIPTION_CHARACTERS);
}

/**
 * One event's row, a button that shows the event in full; memoised by seq (an event never changes), so
 * scrolling and new events re-render only rows that came into view.
 */
const EventRow = memo(
  function EventRow({
    stored,
    index,
    top,
    height,
    narrow,
    chosen,
    detailsId,
    onChoose,
  }: {
    stored: StoredEvent;
    index: number;
    top: number;
    height: number;
    narrow: boolean;
    chosen: boolean;
    detailsId: string;
    onChoose: (index: number) => void;
  }) {
    return (
      <button
        type="button"
        data-seq={stored.seq}
        aria-expanded={chosen}
        aria-controls={chosen ? detailsId : undefined}
        onClick={() => onChoose(index)}
        className="absolute inset-x-0 flex cursor-pointer flex-wrap gap-x-3 overflow-hidden px-3 text-left leading-5 odd:bg-zinc-50 hover:bg-zinc-100 aria-expanded:bg-sky-100 sm:flex-nowrap sm:leading-6 dark:odd:bg-zinc-900 dark:hover:bg-zinc-800 dark:aria-expanded:bg-sky-950"
        style={{ top, height, paddingTop: narrow ? 2 : 0 }}
      >
        <span className="w-12 shrink-0 text-right text-zinc-700 dark:text-zinc-300">#{stored.seq}</span>
        <span className="w-16 shrink-0 text-zinc-700 dark:text-zinc-300">{formatTime(stored.at)}</span>
        {/* Wide enough for the longest name (waitForChannelMessageBegin); anything longer is cut, not run into the data. */}
        <span className="shrink-0 truncate font-semibold sm:w-52" title={stored.event.type}>
          {stored.event.type}
        </span>
        <span className="w-full truncate text-zinc-700 sm:w-auto sm:min-w-0 sm:flex-1 dark:text-zinc-300">
          {describeEvent(stored)}
        </span>
      </button>
    );
  },
  (before, after) =>
    before.stored.seq === after.stored.seq &&
    before.index === after.index &&
    before.top === after.top &&
    before.height === after.height &&
    before.narrow === after.narrow &&
    before.chosen === after.chosen &&
    before.detailsId === after.detailsId &&
    before.onChoose === after.onChoose,
);

export function EventTimeline({ events }: { events: EventLog }) {
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [following, setFollowing] = useState(true);
  /** The same, for the frame that scrolls: the reader's scroll event may come before React renders. */
  const followState = useRef(startFollowing);
  const [held, setHeld] = useState(false);
  usePointerHeld(
    useCallback(() => setHeld(false), []),
    useCallback(() => setHeld(true), []),
  );
  const narrow = useNarrow();
  const ROW_HEIGHT = narrow ? NARROW_ROW_HEIGHT : WIDE_ROW_HEIGHT;
  const total = events.length * ROW_HEIGHT;
  // No taller than the rows: four events take four rows' height, not an empty box.
  const viewHeight = Math.min(VIEW_HEIGHT, Math.max(total, ROW_HEIGHT));
  /** The event shown in full, by its place in the log (which only grows, so the place stays its own). */
  const [chosen, setChosen] = useState<number>();
  const choose = useCallback((index: number) => setChosen((shown) => (shown === index ? undefined : index)), []);
  const detailsId = useId();
  const close = useCallback(() => setChosen(undefined), []);

  // Where the end is follows from the rows' fixed height, so telling whether the reader is at it reads no
  // layout. The scroll to it waits for the next frame, whose layout it joins: done at once, it forced a
  // layout of the whole page in the middle of every commit of a long run. It is asked for in a layout
  // effect, before the commit is painted: asked for after (a passive effect), a frame could paint the new
  // end's rows with the view still where it was, blank if more rows came than the overscan holds.
  const endTop = Math.max(0, total - viewHeight);
  const moving = following && !held;
  useLayoutEffect(() => {
    if (!moving) return;
    const frame = requestAnimationFrame(() => {
      if (!scroller.current || !followState.current.following) return;
      scroller.current.scrollTop = endTop;
      followState.current = movedToEnd(followState.current, endTop);
    });
    return () => cancelAnimationFrame(frame);
  }, [endTop, moving]);

  // While following, the rows shown are the end's, whether or not the frame has scrolled there yet.
  const viewTop = moving ? endTop : scrollTop;
  const first = Math.max(0, Math.floor(viewTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(events.length, Math.ceil((viewTop + viewHeight) / ROW_HEIGHT) + OVERSCAN);
  const visible = sliceEvents(events, first, last);
  const chosenEvent = chosen === undefined ? undefined : sliceEvents(events, chosen, chosen + 1)[0];

  return (
    <section aria-labelledby="timeline-heading" className="border-t border-zinc-200 dark:border-zinc-700">
      <h2
        id="timeline-heading"
        className="border-b border-zinc-200 px-3 py-2 text-sm font-semibold dark:border-zinc-700"
      >
        Events <span className="font-normal text-zinc-700 dark:text-zinc-300">({events.length})</span>
      </h2>
      <p className="px-3 pt-1 text-xs text-zinc-700 dark:text-zinc-300">Choose a row to read its event whole.</p>
      <div
        ref={scroller}
        role="log"
        aria-label="Event timeline"
        tabIndex={0}
        className="relative overflow-y-auto font-mono text-xs"
        style={{ height: viewHeight }}
        onScroll={(event) => {
          const top = event.currentTarget.scrollTop;
          setScrollTop(top);
          followState.current = followAfterScroll(followState.current, top, endTop, ROW_HEIGHT);
          setFollowing(followState.current.following);
        }}
      >
        <div style={{ height: total, position: 'relative' }}>
          {visible.map((stored, index) => (
            <EventRow
              key={stored.seq}
              stored={stored}
              index={first + index}
              top={(first + index) * ROW_HEIGHT}
              height={ROW_HEIGHT}
              narrow={narrow}
              chosen={chosen === first + index}
              detailsId={detailsId}
              onChoose={choose}
            />
          ))}
        </div>
      </div>
      {chosenEvent ? <EventInFull id={detailsId} stored={chosenEvent} onClose={close} /> : null}
    </section>
  );
}
