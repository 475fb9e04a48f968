'use client';
// Import a request by pasting JSON or loading a file (an exported builder file or a plain dispatch
// request): it is checked with the dispatch schema. A valid one is loaded, and so is one the form can hold
// as it is (a half-finished draft: its problems are then shown in the form). Other problems are listed
// beside the input they came from, named as the builder names the fields.
import { useId, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { FileTextInput } from '@/components/ui/file-text-input';
import { describedBy, INPUT_CLASSES } from '@/components/ui/field';
import { readBuilderFile, type BuilderFile, type ImportProblem } from '@/lib/client/builder-file';

function ImportProblems({ id, title, problems }: { id: string; title: string; problems: ImportProblem[] }) {
  return (
    <div id={id} role="alert" className="space-y-1 text-sm text-red-700 dark:text-red-300">
      <p className="font-medium">{title}</p>
      <ul aria-label={title} className="max-h-48 list-disc space-y-0.5 overflow-auto pl-5">
        {problems.map((problem, index) => (
          <li key={index}>
            {problem.label ? `${problem.label}: ` : ''}
            {problem.message}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function ImportDialog({ open, onClose, onImport }: { open: boolean; onClose: () => void; onImport: (file: BuilderFile) => void }) {
  const textId = useId();
  const [text, setText] = useState('');
  /** The file whose text is in the box (a file with problems is put there to be fixed), until it is edited. */
  const [fromFile, setFromFile] = useState<string>();
  const [problems, setProblems] = useState<{ source: 'paste' | 'file'; fileName?: string; list: ImportProblem[] }>();
  const pasteErrorId = `${textId}-error`;
  const fileErrorId = `${textId}-file-error`;

  const load = (content: string, source: 'paste' | 'file', fileName?: string) => {
    const read = readBuilderFile(content);
    if ('problems' in read) {
      // What was in the box before is not what the problems are about: the file's text replaces it.
      if (source === 'file') {
        setText(content);
        setFromFile(fileName);
      }
      return setProblems({ source, fileName, list: read.problems });
    }
    setProblems(undefined);
    setText('');
    setFromFile(undefined);
    onImport(read);
  };
  // Closed, it starts afresh when opened again: not with the problems of a file that was given up on.
  const close = () => {
    setProblems(undefined);
    setText('');
    setFromFile(undefined);
    onClose();
  };
  const count = (list: ImportProblem[]) => (list.length === 1 ? 'One problem' : `${list.length} problems`);

  return (
    <Dialog
      open={open}
      title="Import a request"
      onClose={close}
      footer={
        <>
          <Button onClick={close}>Close</Button>
          <Button variant="primary" disabled={!text.trim()} onClick={() => load(text, 'paste')}>
            Load into the form
          </Button>
        </>
      }
    >
      <div className="space-y-1">
        <label htmlFor={textId} className="block text-sm font-medium">
          Request JSON
        </label>
        <textarea
          id={textId}
          rows={10}
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            setFromFile(undefined);
          }}
          aria-invalid={problems?.source === 'paste' ? true : undefined}
          aria-describedby={describedBy(textId, { error: problems?.source === 'paste' ? 'yes' : undefined })}
          className={`${INPUT_CLASSES} font-mono text-xs`}
        />
        {problems?.source === 'paste' ? <ImportProblems id={pasteErrorId} title={`${count(problems.list)} in ${fromFile ? `the text of ${fromFile}` : 'the pasted JSON'}`} problems={problems.list} /> : null}
      </div>
      <div className="space-y-1">
        <FileTextInput
          label="Or load a .json file"
          accept=".json,application/json"
          onText={(fileName, content) => load(content, 'file', fileName)}
          describedById={problems?.source === 'file' ? fileErrorId : undefined}
        />
        {problems?.source === 'file' ? (
          <>
            <ImportProblems id={fileErrorId} title={`${count(problems.list)} in ${problems.fileName ?? 'the file'}`} problems={problems.list} />
            <p className="text-sm text-zinc-600 dark:text-zinc-400">
              Its text is now in the box above: fix it there, then press “Load into the form”.
            </p>
          </>
        ) : null}
      </div>
    </Dialog>
  );
}
