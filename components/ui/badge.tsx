import type { ReactNode } from 'react';
import { cn } from './cn';

export type BadgeTone = 'neutral' | 'info' | 'success' | 'warning' | 'danger';

const TONE_CLASSES: Record<BadgeTone, string> = {
  neutral: 'bg-zinc-100 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300',
  info: 'bg-sky-100 text-sky-800 dark:bg-sky-900/50 dark:text-sky-200',
  success: 'bg-emerald-100 text-emerald-800 dark:bg-emerald-900/50 dark:text-emerald-200',
  warning: 'bg-amber-100 text-amber-900 dark:bg-amber-900/50 dark:text-amber-200',
  danger: 'bg-red-100 text-red-800 dark:bg-red-900/50 dark:text-red-200',
};

/** `large`: read from across a room (presentation mode), beside a title in large type. */
const SIZE_CLASSES = {
  normal: 'px-2 py-0.5 text-xs',
  large: 'px-3 py-1 text-base sm:px-4 sm:text-2xl',
};

/** A status in a few words, kept on one line: the row or title beside it gives way, not the badge. */
export function Badge({
  tone = 'neutral',
  size = 'normal',
  children,
  className,
}: {
  tone?: BadgeTone;
  size?: keyof typeof SIZE_CLASSES;
  children: ReactNode;
  className?: string;
}) {
  return (
    <span
      className={cn(
        'inline-flex items-center whitespace-nowrap rounded-full font-medium',
        SIZE_CLASSES[size],
        TONE_CLASSES[tone],
        className,
      )}
    >
      {children}
    </span>
  );
}
