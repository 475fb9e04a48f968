'use client';
// Copy: puts text on the clipboard and says so ("Copied"). Where the browser offers no clipboard (a
// plain-http address) or refuses it (no permission), it says that in words and selects the text on
// screen, so it can be copied by hand.
import { useState, type RefObject } from 'react';
import { Button } from './button';

interface CopyButtonProps {
  text: string;
  /** The element showing `text`: selected when copying by hand is the way left. */
  shownIn: RefObject<HTMLElement | null>;
  /** What is copied, as the sentence names it: "the link", "the code". */
  what: string;
  size?: 'sm' | 'md';
}

function selectForCopying(element: HTMLElement) {
  element.focus();
  if (element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement) element.select();
  else window.getSelection()?.selectAllChildren(element);
}

export function CopyButton({ text, shownIn, what, size }: CopyButtonProps) {
  const [result, setResult] = useState<'copied' | 'by hand'>();
  const copy = async () => {
    try {
      // Undefined outside a secure context, whatever TypeScript's types say.
      if (!navigator.clipboard) throw new Error('No clipboard here');
      await navigator.clipboard.writeText(text);
      setResult('copied');
    } catch {
      if (shownIn.current) selectForCopying(shownIn.current);
      setResult('by hand');
    }
  };
  return (
    <>
      <Button size={size} onClick={() => void copy()}>
        {result === 'copied' ? 'Copied' : 'Copy'}
      </Button>
      {/* "Copied" is on the button for the eye; the status tells a screen reader. The failure is for everyone,
          on a line of its own below the caller's row of buttons (which is to wrap: flex-wrap). */}
      <span
        role="status"
        className={result === 'by hand' ? 'order-last basis-full text-xs text-zinc-700 dark:text-zinc-300' : 'sr-only'}
      >
        {result === 'copied'
          ? 'Copied'
          : result === 'by hand'
            ? `Copying is not possible here: ${what} is selected, copy it with Ctrl+C (⌘C on a Mac).`
            : ''}
      </span>
    </>
  );
}
