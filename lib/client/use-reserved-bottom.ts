'use client';
// A bar fixed to the bottom of the screen (the builder's Dispatch bar on a phone, "Jump to latest")
// says how much of the screen's bottom it takes, as the CSS variable --reserved-bottom, so toasts sit
// above it instead of over the button a person is about to press.
import { useEffect, type RefObject } from 'react';

const VARIABLE = '--reserved-bottom';

/** Publishes how far from the screen's bottom `ref`'s element reaches while it is fixed there. */
export function useReservesBottom(ref: RefObject<HTMLElement | null>, active = true): void {
  useEffect(() => {
    const element = ref.current;
    if (!element || !active) return;
    const root = document.documentElement;
    const update = () => {
      const fixed = getComputedStyle(element).position === 'fixed';
      const reach = fixed ? Math.max(0, window.innerHeight - element.getBoundingClientRect().top) : 0;
      root.style.setProperty(VARIABLE, `${Math.ceil(reach)}px`);
    };
    const observer = new ResizeObserver(update);
    observer.observe(element);
    window.addEventListener('resize', update);
    update();
    return () => {
      observer.disconnect();
      window.removeEventListener('resize', update);
      root.style.removeProperty(VARIABLE);
    };
  }, [ref, active]);
}
