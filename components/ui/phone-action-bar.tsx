'use client';
// The one action a long form is for (the builder's Dispatch, an experiment's Start), kept on screen on a
// phone: below the lg breakpoint the bar is fixed to the screen's bottom, so the button is never 3,000 px
// down; from lg it sits where it is written. It reserves the screen's bottom (toasts stay above it) and,
// while fixed, a focused field stops above it (app/globals.css: scroll-padding for [data-action-bar]).
// The page leaves room for it at its end (PHONE_ACTION_BAR_ROOM), so the last field is not hidden under it.
import { useRef, type ReactNode } from 'react';
import { useReservesBottom } from '@/lib/client/use-reserved-bottom';
import { cn } from './cn';

/** Room at the end of a page with the bar, so its last content can scroll clear of the fixed bar. */
export const PHONE_ACTION_BAR_ROOM = 'pb-28 lg:pb-0';

/** The bar's main button: full width and taller on a phone. */
export const PHONE_ACTION_BUTTON_CLASSES = 'w-full py-2.5 lg:py-1.5';

export function PhoneActionBar({
  children,
  boxed = false,
  testId,
}: {
  children: ReactNode;
  /** From lg, drawn as a bordered box (beside the builder's preview) rather than bare in the form. */
  boxed?: boolean;
  testId?: string;
}) {
  const bar = useRef<HTMLDivElement>(null);
  useReservesBottom(bar);
  return (
    <div
      ref={bar}
      data-action-bar
      data-testid={testId}
      className={cn(
        'fixed inset-x-0 bottom-0 z-20 space-y-2 max-lg:m-0 border-t border-zinc-200 bg-white/95 p-3 backdrop-blur lg:static lg:bg-transparent dark:border-zinc-800 dark:bg-zinc-950/95 lg:dark:bg-transparent',
        boxed ? 'lg:rounded-lg lg:border' : 'lg:border-t-0 lg:p-0 lg:backdrop-blur-none',
      )}
    >
      {children}
    </div>
  );
}
