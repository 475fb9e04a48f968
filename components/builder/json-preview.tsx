import { labelOf } from '@/lib/client/builder-fields';
import type { FormProblem } from '@/lib/client/builder-form';
import type { DispatchRequest } from '@/lib/dispatch/schema';

/**
 * Exactly the JSON body the Dispatch button sends; long values wrap, so nothing is cut at any width.
 * A field whose text is not JSON cannot be shown as it would be sent: the note above the body names it.
 */
export function JsonPreview({ request, unreadable }: { request: DispatchRequest; unreadable: FormProblem[] }) {
  return (
    <section aria-labelledby="preview-heading" className="rounded-lg border border-zinc-200 dark:border-zinc-800">
      <h2 id="preview-heading" className="border-b border-zinc-200 px-3 py-2 text-sm font-semibold dark:border-zinc-800">
        Request preview
      </h2>
      <LeftOutNote unreadable={unreadable} within="preview" className="border-b border-zinc-200 px-3 py-2 dark:border-zinc-800" />
      {/* Focusable, so a keyboard can scroll it when it is longer than its box. */}
      <pre data-testid="json-preview" tabIndex={0} aria-labelledby="preview-heading" className="max-h-[28rem] overflow-auto p-3 font-mono text-xs leading-relaxed whitespace-pre-wrap [overflow-wrap:anywhere]">
        {JSON.stringify(request, null, 2)}
      </pre>
    </section>
  );
}

interface LeftOutNoteProps {
  unreadable: FormProblem[];
  /** Where the request is shown: the preview, or the code examples. */
  within: 'preview' | 'code';
  className?: string;
}

/** Names the fields whose JSON cannot be read yet, and so are not in the request shown. */
export function LeftOutNote({ unreadable, within, className }: LeftOutNoteProps) {
  if (unreadable.length === 0) return null;
  return (
    <p data-testid={`${within}-left-out`} className={`text-xs text-amber-800 dark:text-amber-200 ${className ?? ''}`}>
      Not in {within === 'preview' ? 'the preview' : 'this code'} until fixed:{' '}
      {unreadable.map((problem) => labelOf(problem.path)).join(', ')}.
    </p>
  );
}
