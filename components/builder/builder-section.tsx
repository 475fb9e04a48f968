'use client';
import { useRef, type ReactNode } from 'react';
import type { BuilderSectionId } from '@/lib/client/builder-fields';
import { cn } from '@/components/ui/cn';
import { LIST_ITEM_FOCUS_CLASSES, listItemProps } from '@/components/ui/list-focus';
import { useRememberedOpen } from '@/components/ui/use-remembered-open';
import { useSectionProblemCount } from './builder-problems';

/**
 * One titled part of the builder form; collapsible so a long form stays easy to scan, and open or closed
 * after a reload as the user left it. Its header counts its problems.
 */
export function BuilderSection({ id, title, summary, open = false, children }: { id: BuilderSectionId; title: string; summary?: string; open?: boolean; children: ReactNode }) {
  const problems = useSectionProblemCount(id);
  const { details, open: shown, onToggle } = useRememberedOpen(`dispatch-studio.builder.open.${id}`, open);
  return (
    <details ref={details} id={id} open={shown} onToggle={onToggle} className="group rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-950">
      <summary className="flex cursor-pointer list-none items-center justify-between gap-3 px-4 py-3">
        <h2 className="text-base font-semibold">{title}</h2>
        <span className="flex items-center gap-2 text-xs text-zinc-500">
          {problems > 0 ? (
            <span data-testid="section-problems" className="rounded-full bg-red-100 px-2 py-0.5 font-medium text-red-800 dark:bg-red-950 dark:text-red-200">
              {problems === 1 ? '1 problem' : `${problems} problems`}
            </span>
          ) : null}
          {summary}
          <span aria-hidden className="transition-transform group-open:rotate-90">
            ›
          </span>
        </span>
      </summary>
      <div className="space-y-4 border-t border-zinc-200 px-4 py-4 dark:border-zinc-800">{children}</div>
    </details>
  );
}

interface ItemControlsProps {
  label: string;
  index: number;
  count: number;
  onMove?: (from: number, to: number) => void;
  onRemove: () => void;
}

/** Move up / move down / remove buttons for an item of a list. */
export function ItemControls({ label, index, count, onMove, onRemove }: ItemControlsProps) {
  // At least 24×24 px (WCAG 2.5.8): side by side, the arrows alone were 18×20; a finger's 44 on a touch screen.
  const button = 'inline-flex min-h-6 min-w-6 pointer-coarse:min-h-11 pointer-coarse:min-w-11 items-center justify-center rounded px-1.5 py-0.5 text-xs text-zinc-600 hover:bg-zinc-100 disabled:opacity-40 dark:text-zinc-400 dark:hover:bg-zinc-800';
  const up = useRef<HTMLButtonElement>(null);
  const down = useRef<HTMLButtonElement>(null);
  // The controls move with their item. Moved to the top (or bottom), the arrow pressed is disabled there and
  // would drop focus to the page's start: the other arrow takes it, so the item can be moved on or back.
  const move = (to: number, pressed: typeof up, other: typeof up) => {
    onMove?.(index, to);
    requestAnimationFrame(() => (pressed.current?.disabled ? other : pressed).current?.focus());
  };
  return (
    <div className="flex items-center gap-1">
      {onMove ? (
        <>
          <button ref={up} type="button" className={button} aria-label={`Move ${label} up`} disabled={index === 0} onClick={() => move(index - 1, up, down)}>
            ↑
          </button>
          <button ref={down} type="button" className={button} aria-label={`Move ${label} down`} disabled={index === count - 1} onClick={() => move(index + 1, down, up)}>
            ↓
          </button>
        </>
      ) : null}
      <button type="button" className={`${button} text-red-600 dark:text-red-400`} aria-label={`Remove ${label}`} onClick={onRemove}>
        Remove
      </button>
    </div>
  );
}

/** The frame of one item of the list `list`: a small title, its controls, then its fields. */
export function ItemCard({ list, title, controls, children }: { list: string; title: string; controls: ReactNode; children: ReactNode }) {
  return (
    <div role="group" aria-label={title} {...listItemProps(list)} className={cn('space-y-3 rounded-md border border-zinc-200 p-3 dark:border-zinc-800', LIST_ITEM_FOCUS_CLASSES)}>
      {/* The title keeps its line; on a phone the controls (and a library status) wrap below it. */}
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 className="shrink-0 text-sm font-medium whitespace-nowrap text-zinc-700 dark:text-zinc-300">{title}</h3>
        {controls}
      </div>
      {children}
    </div>
  );
}
