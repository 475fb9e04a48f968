'use client';
// Whether a mouse button, pen or finger is pressed on the page. A view that follows new content holds
// still meanwhile: moved under a press, a click ends on another element than it began on and is lost
// (Cancel pressed while the reply streamed did nothing), and a text selection runs away.
import { useCallback, useEffect, useRef } from 'react';

/**
 * Returns a reader of "is a pointer pressed now"; `onRelease` runs when the last one is let go, and
 * `onPress` when the first one goes down.
 */
export function usePointerHeld(onRelease: () => void, onPress?: () => void): () => boolean {
  const pressed = useRef(new Set<number>());
  const release = useRef(onRelease);
  const press = useRef(onPress);
  useEffect(() => {
    release.current = onRelease;
    press.current = onPress;
  }, [onRelease, onPress]);

  useEffect(() => {
    const down = (event: PointerEvent) => {
      const first = pressed.current.size === 0;
      pressed.current.add(event.pointerId);
      if (first) press.current?.();
    };
    const up = (event: PointerEvent) => {
      if (!pressed.current.delete(event.pointerId) || pressed.current.size > 0) return;
      release.current();
    };
    // A release outside the window may never reach it: leaving the window lets go of everything.
    const letGoAll = () => {
      if (pressed.current.size === 0) return;
      pressed.current.clear();
      release.current();
    };
    window.addEventListener('pointerdown', down, true);
    window.addEventListener('pointerup', up, true);
    window.addEventListener('pointercancel', up, true);
    window.addEventListener('blur', letGoAll);
    return () => {
      window.removeEventListener('pointerdown', down, true);
      window.removeEventListener('pointerup', up, true);
      window.removeEventListener('pointercancel', up, true);
      window.removeEventListener('blur', letGoAll);
    };
  }, []);

  return useCallback(() => pressed.current.size > 0, []);
}
