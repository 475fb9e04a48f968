// Saves what a person is typing a moment after they pause, and at once when they leave: the page is
// hidden (another tab, the phone's home screen), unloaded (reload, closing the tab) or the component
// goes away (a link inside the app). Without the second half, work typed just before leaving is lost.
import { useCallback, useEffect, useRef } from 'react';

export interface SaveMoment {
  /** The page is being hidden or unloaded: a request must outlive it (fetch with `keepalive`). */
  leaving: boolean;
}

/** Calls `save(value)` `delayMs` after `value` last changed, or sooner when the page is left. */
export function useDebouncedSave<T>(value: T, save: (value: T, moment: SaveMoment) => void, delayMs: number): void {
  const saveRef = useRef(save);
  const waiting = useRef<{ value: T }>(undefined);
  useEffect(() => {
    saveRef.current = save;
  }, [save]);

  const flush = useCallback((moment: SaveMoment) => {
    const pending = waiting.current;
    waiting.current = undefined;
    if (pending) saveRef.current(pending.value, moment);
  }, []);

  useEffect(() => {
    waiting.current = { value };
    const timer = setTimeout(() => flush({ leaving: false }), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs, flush]);

  useEffect(() => {
    const onPageHide = () => flush({ leaving: true });
    const onVisibilityChange = () => {
      if (document.visibilityState === 'hidden') flush({ leaving: true });
    };
    window.addEventListener('pagehide', onPageHide);
    document.addEventListener('visibilitychange', onVisibilityChange);
    return () => {
      window.removeEventListener('pagehide', onPageHide);
      document.removeEventListener('visibilitychange', onVisibilityChange);
      flush({ leaving: false });
    };
  }, [flush]);
}
