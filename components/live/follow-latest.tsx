'use client';
// The page follows new text while the reader is at the bottom; once they scroll up it stays put and
// offers "Jump to latest". One scroll listener and at most one scroll per frame, no polling.
import { useCallback, useEffect, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';

/** Within this many pixels of the bottom counts as "at the bottom". */
const NEAR_BOTTOM_PX = 120;

const atBottom = () =>
  window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - NEAR_BOTTOM_PX;

/**
 * `change` is anything that grows with the content (the last seq); only while `live` (a run that has
 * ended opens at its top). Returns whether new content is out of view, and how to jump to it.
 */
export function useFollowLatest(change: number, live: boolean): { behind: boolean; jump: () => void } {
  const following = useRef(true);
  const lastScrollY = useRef(0);
  const [behind, setBehind] = useState(false);

  useEffect(() => {
    // Only the reader scrolling up stops following. The scroll event of our own jump to the bottom can
    // arrive after more text has grown the page (a busy frame brings many lines at once): not at the
    // bottom then, yet the reader did not move, so following goes on.
    const onScroll = () => {
      const scrolledUp = window.scrollY < lastScrollY.current;
      lastScrollY.current = window.scrollY;
      if (atBottom()) {
        following.current = true;
        setBehind(false);
      } else if (scrolledUp) following.current = false;
    };
    window.addEventListener('scroll', onScroll, { passive: true });
    return () => window.removeEventListener('scroll', onScroll);
  }, []);

  useEffect(() => {
    if (change === 0 || !live) return;
    if (!following.current) return setBehind(true);
    // In the next frame, whose layout reading the page's height joins: read at once, it forced a layout
    // of the whole page in the middle of every commit of a long run.
    // The reader may scroll up before that frame: their scroll event comes first and stops following.
    const frame = requestAnimationFrame(() => {
      if (following.current) window.scrollTo({ top: document.documentElement.scrollHeight });
    });
    return () => cancelAnimationFrame(frame);
  }, [change, live]);

  const jump = useCallback(() => {
    following.current = true;
    setBehind(false);
    window.scrollTo({ top: document.documentElement.scrollHeight });
  }, []);
  return { behind, jump };
}

export function JumpToLatest({ behind, jump }: { behind: boolean; jump: () => void }) {
  if (!behind) return null;
  return (
    <div className="pointer-events-none fixed inset-x-0 bottom-4 z-30 flex justify-center">
      <Button variant="primary" className="pointer-events-auto shadow-lg" onClick={jump}>
        Jump to latest ↓
      </Button>
    </div>
  );
}
