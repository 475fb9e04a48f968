'use client';
// What an action did, said where it was asked for, in a status line that takes focus once the action has
// ended: the button that asked often goes away with what it acted on (an experiment's "Cancel all", a
// batch's "Retry failed"), and focus would fall to the page's start with nothing read out.
import { useCallback, useEffect, useState } from 'react';
import { cn } from './cn';

export interface ActionOutcomeState {
  /** Attaches the status line (a callback ref). */
  attach: (element: HTMLParagraphElement | null) => void;
  text: string;
  /** Shows `text` and moves focus to it (after any dialog that asked has given focus back). */
  report: (text: string) => void;
}

export function useActionOutcome(): ActionOutcomeState {
  const [line, attach] = useState<HTMLParagraphElement | null>(null);
  const [text, setText] = useState('');
  const [reports, setReports] = useState(0);
  useEffect(() => {
    if (reports > 0) line?.focus();
  }, [reports, line]);
  const report = useCallback((words: string) => {
    setText(words);
    setReports((count) => count + 1);
  }, []);
  return { attach, text, report };
}

/** The status line of `useActionOutcome`; on the page from the start (empty), so what comes is read out. */
export function ActionOutcome({ attach, text, className }: Pick<ActionOutcomeState, 'attach' | 'text'> & { className?: string }) {
  return (
    <p
      ref={attach}
      tabIndex={-1}
      role="status"
      data-testid="action-outcome"
      className={
        text
          ? cn(
              'rounded-md border border-indigo-200 bg-indigo-50 px-3 py-2 text-sm text-indigo-950 dark:border-indigo-800 dark:bg-indigo-950 dark:text-indigo-50',
              className,
            )
          : 'sr-only'
      }
    >
      {text}
    </p>
  );
}
