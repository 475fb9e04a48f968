import type { ButtonHTMLAttributes, Ref } from 'react';
import { cn } from './cn';

type Variant = 'primary' | 'secondary' | 'danger' | 'dangerOutline' | 'ghost';
type Size = 'sm' | 'md';

const VARIANT_CLASSES: Record<Variant, string> = {
  primary: 'bg-indigo-600 text-white hover:bg-indigo-500 inactive:bg-indigo-600/50',
  secondary:
    'border border-zinc-300 bg-white text-zinc-900 hover:bg-zinc-50 inactive:border-zinc-200 inactive:bg-zinc-100 inactive:text-zinc-400 inactive:hover:bg-zinc-100 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100 dark:hover:bg-zinc-800 dark:inactive:border-zinc-800 dark:inactive:bg-zinc-900 dark:inactive:text-zinc-600 dark:inactive:hover:bg-zinc-900',
  // Disabled, it is grey: a faded red still read as a live "Cancel selected (0)" in the dark theme.
  danger:
    'bg-red-600 text-white hover:bg-red-500 inactive:bg-zinc-200 inactive:text-zinc-500 dark:inactive:bg-zinc-800 dark:inactive:text-zinc-400',
  // The first step of something that cannot be undone (Cancel, Revoke), which asks before it acts: outlined, so it
  // does not outshout the page's own next step (an answer box below it); the question's button is the solid one.
  dangerOutline:
    'border border-red-300 bg-white text-red-700 hover:bg-red-50 inactive:border-zinc-200 inactive:bg-zinc-100 inactive:text-zinc-500 dark:border-red-800 dark:bg-zinc-900 dark:text-red-300 dark:hover:bg-red-950/40 dark:inactive:border-zinc-800 dark:inactive:bg-zinc-900 dark:inactive:text-zinc-400',
  ghost:
    'text-zinc-700 hover:bg-zinc-100 inactive:text-zinc-400 inactive:hover:bg-transparent dark:text-zinc-300 dark:hover:bg-zinc-800 dark:inactive:text-zinc-600',
};

// On a touch screen every button is a finger's size (44 px), however small its words ("↑", "Remove").
const SIZE_CLASSES: Record<Size, string> = {
  sm: 'px-2 py-1 text-xs pointer-coarse:min-h-11 pointer-coarse:min-w-11',
  md: 'px-3 py-1.5 text-sm pointer-coarse:min-h-11 pointer-coarse:min-w-11',
};

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: Variant;
  size?: Size;
  /** React 19 passes a ref as a prop: it reaches the <button>. */
  ref?: Ref<HTMLButtonElement>;
  /**
   * Working on what it was pressed for ("Sending…"): it looks and is announced disabled and ignores presses,
   * but keeps focus. `disabled` would drop focus to the page's start, and a keyboard user's place with it.
   */
  busy?: boolean;
}

/** A button's look, for a link that leads where a button would act (e.g. "New batch"). */
export function buttonClasses({ variant = 'secondary', size = 'md' }: { variant?: Variant; size?: Size } = {}) {
  return cn(
    'inline-flex items-center justify-center gap-1.5 rounded-md font-medium transition-colors',
    'focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500 inactive:cursor-not-allowed',
    VARIANT_CLASSES[variant],
    SIZE_CLASSES[size],
  );
}

/** The one button of the dashboard; defaults to type="button" so it never submits a form by accident. */
export function Button({
  variant = 'secondary',
  size = 'md',
  className,
  type = 'button',
  busy = false,
  onClick,
  ...rest
}: ButtonProps) {
  return (
    <button
      type={type}
      className={cn(buttonClasses({ variant, size }), className)}
      aria-disabled={busy || undefined}
      onClick={(event) => {
        // Busy, a press does nothing, not even submit its form (Enter in a field presses it too).
        if (busy) return event.preventDefault();
        onClick?.(event);
      }}
      {...rest}
    />
  );
}
