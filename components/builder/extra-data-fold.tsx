'use client';
// A Meta field (a message's, a skillset ability's, a dataset record's, the contact's) is JSON for the
// programs that read the conversation; most people never need it, so it is folded away under a plain name.
// It opens by itself when something arrives in it (an import, a preset, a draft) or a problem shows in it;
// a Dispatch that finds one opens it too (openFoldsWithProblems).
import { useState, type ReactNode } from 'react';
import { useFormContext, useWatch } from 'react-hook-form';
import type { BuilderForm } from '@/lib/client/builder-form';
import { useFieldProblem } from './builder-problems';
import type { FieldName } from './form-fields';

export function ExtraDataFold({ name, children }: { name: FieldName; children: ReactNode }) {
  const { control } = useFormContext<BuilderForm>();
  const value = useWatch({ control, name });
  const filled = typeof value === 'string' && value.trim() !== '';
  const problem = useFieldProblem(name);
  const [open, setOpen] = useState(filled || problem !== undefined);
  // Opened on a change (not held open), so the person can still fold it away.
  const [seen, setSeen] = useState({ filled, problem });
  if (seen.filled !== filled || seen.problem !== problem) {
    setSeen({ filled, problem });
    if ((filled && !seen.filled) || (problem !== undefined && problem !== seen.problem)) setOpen(true);
  }
  return (
    <details data-fold open={open} onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary className="w-fit cursor-pointer py-1 text-sm pointer-coarse:py-3 font-medium text-zinc-700 dark:text-zinc-300">
        Extra data for programs (optional)
        {problem !== undefined && !open ? (
          <span className="ml-2 rounded-full bg-red-100 px-2 py-0.5 text-xs text-red-800 dark:bg-red-950 dark:text-red-200">
            has a problem
          </span>
        ) : null}
      </summary>
      <div className="mt-2">{children}</div>
    </details>
  );
}
