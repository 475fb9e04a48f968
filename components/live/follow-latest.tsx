'use client';
// The page follows new text while the reader is at the bottom; once they scroll up it stays put and
// offers "Jump to latest". One scroll listener and at most one scroll per frame, no polling. While a
// pointer is pressed it holds still, and catches up when it is let go.
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { followAfterScroll, movedToEnd, startFollowing } from '@/lib/client/follow-rule';
import { usePointerHeld } from '@/lib/client/use-pointer-held';
import { useReservesBottom } from '@/lib/client/use-reserved-bottom';

/** Within this many pixels of the bottom counts as "at the bottom". */
const NEAR_BOTTOM_PX = 120;

/** The window's scroll offset at the bottom of the page. */
const pageEnd = () => document.documentElement.scrollHeight - window.innerHeight;

/**
 * `change` is anything that grows with the content (the last seq); only while `live` (a run that has
 * ended opens at its top). `followInstead` (stable) makes a move of its own instead of to the page's end
 * when it has one (a waiting run's answer box, shown without losing the title), and says whether it did.
 * `layout` names what the page shows (a run's page or its presentation): a switch between them follows
 * as a page just opened does. Returns whether new content is out of view, and how to jump to it.
 */
export function useFollowLatest(
  change: number,
  live: boolean,
  followInstead?: () => boolean,
  layout?: string,
): { behind: boolean; jump: () => void } {
  const followState = useRef(startFollowing);
  const [behind, setBehind] = useState(false);
  const scrollToEnd = useCallback(() => {
    const end = pageEnd();
    window.scrollTo({ top: end });
    followState.current = movedToEnd(followState.current, end);
  }, []);
  const followNow = useCallback(() => {
    if (!followInstead?.()) scrollToEnd();
  }, [scrollToEnd, followInstead]);
  /** A move to the end skipped because a pointer was pressed, made once it is let go. */
  const skippedWhileHeld = useRef(false);
  const pointerHeld = usePointerHeld(
    useCallback(() => {
      if (!skippedWhileHeld.current) return;
      skippedWhileHeld.current = false;
      requestAnimationFrame(() => {
        if (followState.current.following) followNow();
      });
    }, [followNow]),
  );

  useEffect(() => {
    const onScroll = () => {
      followState.current = followAfterScroll(followState.current, window.scrollY, pageEnd(), NEAR_BOTTOM_PX);
      if (followState.current.following) setBehind(false);
    };
    window.addEventListener('scroll', onScroll, { passive: true });
    return () => window.removeEventListener('scroll', onScroll);
  }, []);

  // A switch of layout (Present, and back) follows a live run as a page just opened does: the presenter
  // scrolled up to reach Present, not to read, and the navigation's own move to the top is not the reader
  // either. A layout effect: it runs in the navigation's commit, before that move's scroll event.
  const shownLayout = useRef(layout);
  useLayoutEffect(() => {
    if (shownLayout.current === layout) return;
    shownLayout.current = layout;
    followState.current = startFollowing;
    setBehind(false);
    if (!live) return;
    const frame = requestAnimationFrame(followNow);
    return () => cancelAnimationFrame(frame);
  }, [layout, live, followNow]);

  // What the page shows when it opens is not news: it opens at its top, the title in view, and follows
  // what comes after. A run waiting for an answer brings nothing more, so its page stays at its top.
  const openedWith = useRef<number | undefined>(undefined);
  useEffect(() => {
    if (change === 0 || !live) return;
    if (openedWith.current === undefined) {
      openedWith.current = change;
      return;
    }
    if (change === openedWith.current) return;
    if (!followState.current.following) return setBehind(true);
    // In the next frame, whose layout reading the page's height joins: read at once, it forced a layout
    // of the whole page in the middle of every commit of a long run.
    // The reader may scroll up before that frame: their scroll event comes first and stops following.
    const frame = requestAnimationFrame(() => {
      if (!followState.current.following) return;
      if (pointerHeld()) skippedWhileHeld.current = true;
      else followNow();
    });
    return () => cancelAnimationFrame(frame);
  }, [change, live, followNow, pointerHeld]);

  const jump = useCallback(() => {
    followState.current = { ...followState.current, following: true };
    setBehind(false);
    scrollToEnd();
  }, [scrollToEnd]);
  return { behind, jump };
}

export function JumpToLatest({ behind, jump }: { behind: boolean; jump: () => void }) {
  const bar = useRef<HTMLDivElement>(null);
  useReservesBottom(bar, behind);
  if (!behind) return null;
  return (
    <div ref={bar} className="pointer-events-none fixed inset-x-0 bottom-4 z-30 flex justify-center">
      <Button variant="primary" className="pointer-events-auto shadow-lg" onClick={jump}>
        Jump to latest ↓
      </Button>
    </div>
  );
}
