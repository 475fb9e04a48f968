'use client';
// cURL, fetch, SDK and Python code for the request in the builder; Copy says whether it worked.
import { useRef, useState } from 'react';
import { CopyButton } from '@/components/ui/copy-button';
import { Dialog } from '@/components/ui/dialog';
import { WARNING_NOTE_CLASSES } from '@/components/ui/warning-note';
import { codeSnippets, type CodeSnippet } from '@/lib/client/code-snippets';
import type { FormProblem } from '@/lib/client/builder-form';
import { namedFields, refusedFields } from '@/lib/client/refused-fields';
import type { DispatchRequest } from '@/lib/dispatch/schema';
import { LeftOutNote } from './json-preview';

interface CodeDialogProps {
  open: boolean;
  onClose: () => void;
  request: DispatchRequest;
  timezone: string;
  /** Whether this server asks for API_SECRET: only then does the code send it. */
  needsSecret: boolean;
  /** Fields whose JSON cannot be read yet: left out of the code, and said so. */
  unreadable: FormProblem[];
  /** Every problem the form has now: the code's request would be refused until they are fixed. */
  problems: FormProblem[];
}

/** Says, before anyone copies it, that the server will refuse this code's request as the form stands. */
function RefusedNote({ problems }: { problems: FormProblem[] }) {
  const fields = refusedFields(problems);
  if (fields.length === 0) return null;
  return (
    <p data-testid="code-refused" className={WARNING_NOTE_CLASSES}>
      The server refuses this request until the form is fixed: {namedFields(fields)}. Press Dispatch to see
      each problem beside its field.
    </p>
  );
}

/** cURL, fetch, SDK and Python code that sends this request to this server. */
export function CodeDialog({ open, onClose, request, timezone, needsSecret, unreadable, problems }: CodeDialogProps) {
  const [tab, setTab] = useState<CodeSnippet['id']>('curl');
  const shown = useRef<HTMLPreElement>(null);
  const snippets = codeSnippets(request, { origin: typeof window === 'undefined' ? '' : window.location.origin, timezone, needsSecret });
  const current = snippets.find((snippet) => snippet.id === tab) ?? snippets[0];
  return (
    <Dialog open={open} title="Code" onClose={onClose}>
      <div role="tablist" aria-label="Language" className="flex gap-1">
        {snippets.map((snippet) => (
          <button
            key={snippet.id}
            type="button"
            role="tab"
            aria-selected={snippet.id === tab}
            className="rounded-md px-3 py-1 text-sm aria-selected:bg-indigo-600 aria-selected:text-white pointer-coarse:min-h-11"
            onClick={() => setTab(snippet.id)}
          >
            {snippet.label}
          </button>
        ))}
      </div>
      <RefusedNote problems={problems} />
      <LeftOutNote unreadable={unreadable} within="code" />
      <pre ref={shown} role="tabpanel" tabIndex={0} aria-label={current.label} data-testid="code-snippet" className="max-h-96 overflow-auto rounded-md whitespace-pre-wrap break-all bg-zinc-900 p-3 font-mono text-xs text-zinc-100">
        {current.code}
      </pre>
      <div className="flex flex-wrap items-center gap-3">
        {/* Keyed by the tab: another language has not been copied yet. */}
        <CopyButton key={tab} text={current.code} shownIn={shown} what="the code" />
      </div>
    </Dialog>
  );
}
