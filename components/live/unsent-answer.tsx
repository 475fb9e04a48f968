'use client';
// An answer typed into a waiting card when the run ended before it was sent: kept on screen, read-only
// and copyable, with the reason it was not sent, so nothing typed disappears without a word.
import { useId, useRef } from 'react';
import { CopyButton } from '@/components/ui/copy-button';
import { cn } from '@/components/ui/cn';
import { INPUT_CLASSES } from '@/components/ui/field';
import { WARNING_NOTE_CLASSES } from '@/components/ui/warning-note';

export function UnsentAnswer({ text, note, large }: { text: string; note: string; large?: boolean }) {
  const id = useId();
  const box = useRef<HTMLTextAreaElement>(null);
  return (
    <section
      aria-label="Your answer, not sent"
      className="space-y-2 rounded-lg border border-amber-300 p-3 dark:border-amber-700"
    >
      <p id={`${id}-note`} role="status" className={cn(WARNING_NOTE_CLASSES, large && 'text-xl sm:text-2xl')}>
        {note}
      </p>
      {/* Presented, the box and its button are scaled up as the answer form was (waiting-card.tsx). */}
      <div className={cn('space-y-2', large && '[zoom:1.35] sm:[zoom:1.5]')}>
        <label htmlFor={id} className="block text-sm font-medium text-zinc-800 dark:text-zinc-200">
          Your answer (not sent)
        </label>
        <textarea
          id={id}
          ref={box}
          readOnly
          rows={3}
          value={text}
          aria-describedby={`${id}-note`}
          className={cn(INPUT_CLASSES, 'bg-zinc-50 dark:bg-zinc-900/60')}
        />
        <div className="flex flex-wrap items-center gap-3">
          <CopyButton text={text} shownIn={box} what="your answer" size="sm" />
        </div>
      </div>
    </section>
  );
}
