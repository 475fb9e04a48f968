'use client';
// Import a request by pasting JSON or loading a file: it is checked with the dispatch schema and only a
// valid one is loaded, otherwise the problems are listed by path.
import { useId, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { FileTextInput } from '@/components/ui/file-text-input';
import { describedBy, Field, INPUT_CLASSES } from '@/components/ui/field';
import { dispatchRequestSchema, type DispatchRequest } from '@/lib/dispatch/schema';

interface Problem {
  path: string;
  message: string;
}

export function checkImportedRequest(text: string): { request: DispatchRequest } | { problems: Problem[] } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { problems: [{ path: '(file)', message: `Not valid JSON: ${(error as Error).message}` }] };
  }
  const parsed = dispatchRequestSchema.safeParse(value);
  if (parsed.success) return { request: parsed.data };
  return { problems: parsed.error.issues.map((issue) => ({ path: issue.path.join('.') || '(root)', message: issue.message })) };
}

export function ImportDialog({ open, onClose, onImport }: { open: boolean; onClose: () => void; onImport: (request: DispatchRequest) => void }) {
  const textId = useId();
  const [text, setText] = useState('');
  const [problems, setProblems] = useState<Problem[]>([]);
  const errorText = problems.length > 0 ? `${problems.length} problem${problems.length === 1 ? '' : 's'} found` : undefined;

  const load = (content: string) => {
    const checked = checkImportedRequest(content);
    if ('problems' in checked) return setProblems(checked.problems);
    setProblems([]);
    setText('');
    onImport(checked.request);
  };

  return (
    <Dialog
      open={open}
      title="Import a request"
      onClose={onClose}
      footer={
        <>
          <Button onClick={onClose}>Close</Button>
          <Button variant="primary" disabled={!text.trim()} onClick={() => load(text)}>
            Load into the form
          </Button>
        </>
      }
    >
      <Field id={textId} label="Request JSON" error={errorText}>
        <textarea
          id={textId}
          rows={10}
          value={text}
          onChange={(event) => setText(event.target.value)}
          aria-invalid={errorText ? true : undefined}
          aria-describedby={describedBy(textId, { error: errorText })}
          className={`${INPUT_CLASSES} font-mono text-xs`}
        />
      </Field>
      <FileTextInput label="Or load a .json file" accept=".json,application/json" onText={(_name, content) => load(content)} />
      {problems.length > 0 ? (
        <ul aria-label="Import problems" className="max-h-48 space-y-1 overflow-auto text-sm text-red-700 dark:text-red-300">
          {problems.map((problem, index) => (
            <li key={index}>
              <code className="font-mono">{problem.path}</code>: {problem.message}
            </li>
          ))}
        </ul>
      ) : null}
    </Dialog>
  );
}
