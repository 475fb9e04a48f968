'use client';
// A <details> whose open state this browser remembers (localStorage, '1' or '0' under its own key): the
// live view's event log and each builder section come back as the user left them.
import { useEffect, useRef, useState, type SyntheticEvent } from 'react';

function rememberedOpen(storageKey: string): boolean | undefined {
  try {
    const stored = localStorage.getItem(storageKey);
    return stored === null ? undefined : stored === '1';
  } catch {
    return undefined;
  }
}

function rememberOpen(storageKey: string, open: boolean): void {
  try {
    localStorage.setItem(storageKey, open ? '1' : '0');
  } catch {
    // Storage full or disabled: it opens as on a first visit next time.
  }
}

/** Spread `details` and `onToggle` onto the element and pass `open` to it. */
export function useRememberedOpen(storageKey: string, initiallyOpen = false) {
  const details = useRef<HTMLDetailsElement>(null);
  const [open, setOpen] = useState(initiallyOpen);
  useEffect(() => {
    // A click on the summary before hydration toggles the element natively, with no handler yet to hear
    // it: that choice stands; otherwise what this browser remembers.
    const openNow = details.current?.open ?? initiallyOpen;
    setOpen(openNow !== initiallyOpen ? openNow : (rememberedOpen(storageKey) ?? initiallyOpen));
  }, [storageKey, initiallyOpen]);
  const onToggle = (event: SyntheticEvent<HTMLDetailsElement>) => {
    const next = event.currentTarget.open;
    setOpen(next);
    rememberOpen(storageKey, next);
  };
  return { details, open, onToggle };
}
