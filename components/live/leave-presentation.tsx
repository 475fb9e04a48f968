'use client';
// The way out of presentation mode. The presented page shows no controls to the room, so the link to leave
// shows when it is needed: while the presenter moves the mouse (and for a moment after, as a video player
// shows its controls) and when Tab reaches it. A touch screen has no Esc and no Tab: there the link is
// always shown, in the status line that stays at the top of the screen, so a long reply followed down the
// page does not take it away. Esc leaves too, unless pressed while typing an answer.
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';

/** How long the link stays after the mouse last moved. */
const SHOWN_AFTER_MOVE_MS = 3_000;

/** Where Esc belongs to the control: typing text, or a list open to pick from. A checkbox or a button is not. */
const TYPING_CONTROLS = 'textarea, select, [contenteditable], input:not([type=checkbox], [type=radio], [type=button], [type=submit])';

/** Esc leaves presentation mode for `href`, unless it was pressed while typing an answer. */
export function useLeaveOnEscape(present: boolean, href: string) {
  const router = useRouter();
  useEffect(() => {
    if (!present) return;
    const leave = (event: KeyboardEvent) => {
      const typing = event.target instanceof HTMLElement && event.target.closest(TYPING_CONTROLS);
      if (event.key === 'Escape' && !typing && !event.defaultPrevented) router.push(href);
    };
    window.addEventListener('keydown', leave);
    return () => window.removeEventListener('keydown', leave);
  }, [present, href, router]);
}

/** Whether a mouse moved in the last SHOWN_AFTER_MOVE_MS (a touch moves no mouse). */
function useMouseMovedLately(): boolean {
  const [moved, setMoved] = useState(false);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onMove = (event: PointerEvent) => {
      if (event.pointerType !== 'mouse') return;
      setMoved(true);
      clearTimeout(timer);
      timer = setTimeout(() => setMoved(false), SHOWN_AFTER_MOVE_MS);
    };
    window.addEventListener('pointermove', onMove, { passive: true });
    return () => {
      window.removeEventListener('pointermove', onMove);
      clearTimeout(timer);
    };
  }, []);
  return moved;
}

/** Shown for the mouse: in the bottom corner, over the page (the title and status stay in view), so nothing moves. */
const SHOWN_FOR_MOUSE =
  'fixed bottom-4 right-4 z-40 block border border-zinc-300 bg-white px-3 py-1.5 shadow-md dark:border-zinc-600 dark:bg-zinc-900';

/**
 * Otherwise one pixel, shown in the flow when Tab reaches it. Not while shown for the mouse: a click's focus
 * would move it from under the pointer.
 */
const SHOWN_FOR_KEYS = 'sr-only focus:not-sr-only focus:mt-2 focus:inline-block focus:px-2 focus:py-1';

/** For the mouse and the keyboard; on a touch screen LeavePresentationTouchLink is the way out instead. */
export function LeavePresentationLink({ href }: { href: string }) {
  const mouseMoved = useMouseMovedLately();
  // Kept while the pointer rests on it, though the mouse has stopped.
  const [hovered, setHovered] = useState(false);
  const shown = mouseMoved || hovered;
  return (
    <Link
      href={href}
      // A finger's tap enters it too: shown for the mouse then, it moved from under the finger before the click.
      onPointerEnter={(event) => setHovered(event.pointerType === 'mouse')}
      onPointerLeave={() => setHovered(false)}
      className={`rounded-md text-lg font-medium underline pointer-coarse:hidden ${shown ? SHOWN_FOR_MOUSE : SHOWN_FOR_KEYS}`}
    >
      Leave the presentation (Esc)
    </Link>
  );
}

/**
 * On a touch screen only: one short word, a finger-sized target, for the sticky status line (RunStoryLine),
 * which keeps its room for the run's status on a phone.
 */
export function LeavePresentationTouchLink({ href }: { href: string }) {
  return (
    <Link
      href={href}
      aria-label="Leave the presentation"
      className="hidden min-h-11 items-center rounded-md border border-current px-3 text-sm font-medium underline pointer-coarse:inline-flex"
    >
      Leave
    </Link>
  );
}
