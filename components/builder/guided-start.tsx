'use client';
// A first visit (no draft yet) gets three short steps: pick a preset, press Dispatch, watch the run.
// The step follows the form (a message written counts like a picked preset); pressing Dispatch ends it,
// as does Dismiss, and either is remembered in localStorage so it does not come back.
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';

const DISMISSED_KEY = 'dispatch-studio.builder.guided-start-dismissed';

export const guidedStartDismissed = () => {
  try {
    return localStorage.getItem(DISMISSED_KEY) === '1';
  } catch {
    return true;
  }
};

export const dismissGuidedStart = () => {
  try {
    localStorage.setItem(DISMISSED_KEY, '1');
  } catch {
    // Storage disabled: the guide only goes away for this page view.
  }
};

const STEPS = [
  {
    title: 'Pick a preset',
    text: 'Press “Use” on a ready-made conversation below, or write your own message.',
  },
  { title: 'Press Dispatch', text: 'The request runs in the background; you can change anything first.' },
  { title: 'Watch it run', text: 'The live view opens and shows the reply as it is written.' },
];

export function GuidedStart({ step, onDismiss }: { step: 1 | 2; onDismiss: () => void }) {
  return (
    <section
      aria-labelledby="guided-start-heading"
      className="rounded-lg border border-indigo-200 bg-indigo-50 p-4 dark:border-indigo-900 dark:bg-indigo-950/40"
    >
      <div className="flex items-start justify-between gap-3">
        <h2 id="guided-start-heading" className="text-sm font-semibold">
          New here? Your first run in three steps
        </h2>
        <Button size="sm" variant="ghost" onClick={onDismiss}>
          Dismiss
        </Button>
      </div>
      <ol className="mt-2 grid gap-2 sm:grid-cols-3">
        {STEPS.map((item, index) => (
          <li
            key={item.title}
            aria-current={index + 1 === step ? 'step' : undefined}
            className={cn(
              'rounded-md p-2 text-sm',
              index + 1 === step
                ? 'bg-white shadow-sm dark:bg-zinc-900'
                : 'border border-dashed border-indigo-200 dark:border-indigo-900',
            )}
          >
            <span className="font-medium">
              {index + 1}. {item.title}
              {index + 1 < step ? <span className="font-normal text-zinc-600 dark:text-zinc-400"> (done)</span> : null}
            </span>
            {/* Once someone is working, only the step in hand explains itself: the panel stays short. */}
            {step === 1 || index + 1 === step ? (
              <span className="block text-xs text-zinc-600 dark:text-zinc-400">{item.text}</span>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
