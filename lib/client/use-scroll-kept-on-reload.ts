'use client';
// A page drawn in the browser after load (the builder, from its saved draft) is too short for the
// browser to put a reload back where the reader was: it lands at the top, and on a phone's long form the
// reader scrolls back down. This keeps the place: as the page goes away, the element at the screen's top
// (the one seen there, or its nearest part with an id) and how far it stood from the top are saved; after a
// reload of this document, that element is put back there once (not on a later visit within the
// document, nor on a plain visit). An element rather than a scroll offset, as parts above it may be folded
// differently after the reload (the presets fold away once the form holds a draft).
import { useEffect } from 'react';
import { MAIN_CONTENT_ID } from '@/components/ui/main-content';

const KEY_PREFIX = 'dispatch-studio.scroll:';
/** How long the page may take to grow tall enough (folds it remembers open are drawn a moment later). */
const GROWING_FRAMES = 30;
/** Once per document: a later visit to the page within it (a client-side move) starts at its top. */
let restoredInThisDocument = false;

interface Place {
  id: string;
  /** Where the element's top stood, from the screen's top. */
  top: number;
}

function reloaded(): boolean {
  const [navigation] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
  return navigation?.type === 'reload';
}

/**
 * The element seen at the screen's top line, or its nearest ancestor with an id, in the main content. Asked
 * of the page by where things are drawn: a folded section's fields keep their boxes but are not seen.
 */
function placeOnScreen(): Place | undefined {
  if (window.scrollY === 0) return undefined;
  const main = document.getElementById(MAIN_CONTENT_ID);
  const seen = document
    .elementsFromPoint(window.innerWidth / 2, 1)
    .find((element) => main?.contains(element) && element !== main);
  const anchor = seen?.closest<HTMLElement>('[id]');
  if (!anchor || !main?.contains(anchor) || anchor === main) return undefined;
  return { id: anchor.id, top: anchor.getBoundingClientRect().top };
}

/** Puts the place's element back where it stood, again on each frame while the page grows, until the reader scrolls. */
function scrollBackTo(place: Place) {
  let frames = 0;
  let readerMoved = false;
  const stop = () => (readerMoved = true);
  const events = ['wheel', 'touchstart', 'keydown', 'pointerdown'] as const;
  for (const event of events) window.addEventListener(event, stop, { once: true, passive: true });
  const step = () => {
    const element = document.getElementById(place.id);
    if (readerMoved || !element) return;
    const off = element.getBoundingClientRect().top - place.top;
    if (Math.abs(off) > 1) window.scrollBy(0, off);
    const settled = Math.abs(element.getBoundingClientRect().top - place.top) <= 1;
    if (!settled && ++frames < GROWING_FRAMES) requestAnimationFrame(step);
    else for (const event of events) window.removeEventListener(event, stop);
  };
  requestAnimationFrame(step);
}

/** Call in a component drawn only in the browser, once its content is on the page. */
export function useScrollKeptOnReload(): void {
  useEffect(() => {
    const key = KEY_PREFIX + window.location.pathname;
    if (!restoredInThisDocument) {
      restoredInThisDocument = true;
      const saved = sessionStorage.getItem(key);
      if (saved && reloaded() && window.scrollY === 0) scrollBackTo(JSON.parse(saved) as Place);
    }
    const save = () => {
      const place = placeOnScreen();
      if (place) sessionStorage.setItem(key, JSON.stringify(place));
      else sessionStorage.removeItem(key);
    };
    window.addEventListener('pagehide', save);
    return () => window.removeEventListener('pagehide', save);
  }, []);
}
