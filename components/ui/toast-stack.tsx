'use client';
// One place at the bottom of the screen for every toast: the dashboard's run notices and a page's own
// notice (the builder's Undo) stack there instead of lying over each other. On a phone they form one
// column, the page's notice nearest the thumb; on a wide screen the page's sits at the left, the run
// notices at the right. It stays above a bar fixed to the screen's bottom (lib/client/use-reserved-bottom).
// While it shows toasts, the page gets as much room below its end (--toast-space, the main element's
// bottom padding), so the page's last controls scroll up above them instead of lying under them.
import { useEffect, useRef, useSyncExternalStore, type ReactNode, type RefObject } from 'react';
import { createPortal } from 'react-dom';

const PAGE_TOAST_SLOT = 'page-toast-slot';
const TOAST_SPACE = '--toast-space';

/** Publishes the height of the stack's toasts, with a margin, as --toast-space (0 without toasts). */
function useToastSpace(stack: RefObject<HTMLDivElement | null>) {
  useEffect(() => {
    const element = stack.current;
    if (!element) return;
    const root = document.documentElement;
    const observer = new ResizeObserver(() => {
      const height = element.getBoundingClientRect().height;
      root.style.setProperty(TOAST_SPACE, height > 0 ? `${Math.ceil(height) + 12}px` : '0px');
    });
    observer.observe(element);
    return () => {
      observer.disconnect();
      root.style.removeProperty(TOAST_SPACE);
    };
  }, [stack]);
}

export function ToastStack({ children }: { children: ReactNode }) {
  const stack = useRef<HTMLDivElement>(null);
  useToastSpace(stack);
  return (
    <div
      ref={stack}
      className="pointer-events-none fixed inset-x-3 bottom-[calc(var(--reserved-bottom,0px)+0.75rem)] z-50 flex flex-col-reverse gap-2 sm:inset-x-4 lg:flex-row lg:items-end"
    >
      <div id={PAGE_TOAST_SLOT} className="contents" />
      {children}
    </div>
  );
}

const noSubscription = () => () => {};

/** A page's own notice, announced politely, shown in the toast stack. */
export function PageToast({ children }: { children: ReactNode }) {
  // The slot is in the layout: found once the page runs in the browser (none while rendering on the server).
  const slot = useSyncExternalStore(
    noSubscription,
    () => document.getElementById(PAGE_TOAST_SLOT),
    () => null,
  );
  if (!slot) return null;
  return createPortal(
    <div
      role="status"
      aria-live="polite"
      className="pointer-events-auto min-w-0 empty:hidden sm:mr-auto sm:w-max sm:max-w-md"
    >
      {children}
    </div>,
    slot,
  );
}
