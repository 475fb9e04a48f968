'use client';
// The problems that stop a dispatch (or a comparison), in page order and in the builder's words ("Function 1 › Name: …").
// Each links to its field: the link opens the field's section and moves focus there.
import { forwardRef } from 'react';
import { fieldIdOf, labelOf, sectionOf } from '@/lib/client/builder-fields';
import type { BlockedAction } from '@/lib/client/builder-draft';
import type { FormProblem } from '@/lib/client/builder-form';

/** Opens the section that holds `path` (and any fold around it) and focuses its control (or its list's message). */
export function focusField(path: string): boolean {
  const section = document.getElementById(sectionOf(path));
  if (section instanceof HTMLDetailsElement) section.open = true;
  const target = document.getElementById(fieldIdOf(path));
  if (!target) return false;
  for (let fold = target.closest('details'); fold; fold = fold.parentElement?.closest('details') ?? null) fold.open = true;
  target.focus();
  target.scrollIntoView({ block: 'center' });
  return true;
}

/** Opens every fold in the form (such as a message's extra data) that holds a field with a problem. */
export function openFoldsWithProblems(): void {
  for (const fold of document.querySelectorAll<HTMLDetailsElement>('details[data-fold]')) {
    if (fold.querySelector('[aria-invalid="true"]')) fold.open = true;
  }
}

export const ErrorSummary = forwardRef<HTMLDivElement, { problems: FormProblem[]; blocked: BlockedAction }>(function ErrorSummary({ problems, blocked }, ref) {
  if (problems.length === 0) return null;
  return (
    <div
      ref={ref}
      tabIndex={-1}
      role="alert"
      aria-labelledby="error-summary-heading"
      className="rounded-md border border-red-300 bg-red-50 p-3 text-sm dark:border-red-900 dark:bg-red-950/50"
    >
      <h2 id="error-summary-heading" className="font-semibold text-red-800 dark:text-red-200">
        {problems.length === 1 ? 'One problem to fix' : `${problems.length} problems to fix`} before {blocked}
      </h2>
      <ol aria-label="Problems to fix" className="mt-1 list-disc space-y-0.5 pl-5 text-red-700 dark:text-red-300">
        {problems.map((problem, index) => (
          <li key={`${problem.path}-${index}`}>
            <a
              href={`#${fieldIdOf(problem.path)}`}
              className="underline"
              onClick={(event) => {
                if (focusField(problem.path)) event.preventDefault();
              }}
            >
              {labelOf(problem.path)}
            </a>
            : {problem.message}
          </li>
        ))}
      </ol>
    </div>
  );
});
