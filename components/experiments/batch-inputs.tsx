'use client';
// The batch part of the setup: upload a CSV or JSONL file, see its columns and first rows, and write
// the message (and optionally a dataset record) with {{column}} placeholders.
import { useState } from 'react';
import { describedBy, Field, FILE_INPUT_CLASSES, TextAreaField } from '@/components/ui/field';
import { parseInputFile, type ParsedInputs } from '@/lib/client/input-upload';
import { renderTemplate } from '@/lib/experiments/template';

const PREVIEW_ROWS = 3;

interface BatchInputsProps {
  inputs?: ParsedInputs;
  onInputs: (inputs: ParsedInputs | undefined) => void;
  messageTemplate: string;
  onMessageTemplate: (template: string) => void;
  recordTemplate: string;
  onRecordTemplate: (template: string) => void;
  errors: Record<string, string>;
}

export function BatchInputs(props: BatchInputsProps) {
  const { inputs, errors } = props;
  const [fileName, setFileName] = useState<string>();
  const fileError = errors.rows ?? (inputs?.problems.length ? inputs.problems.join(' ') : undefined);
  const fileHint =
    'A CSV file with a header row, or JSONL (one JSON object per line). Each row is one input.';
  // A file with problems is not run: its rows are not shown as if they were its inputs (a value holding an
  // unquoted comma shifts the rest of its row into the wrong columns).
  const usable = inputs !== undefined && inputs.problems.length === 0;
  const first = usable ? inputs.rows[0] : undefined;
  const messageHint = inputs?.columns.length
    ? `Use the columns as ${inputs.columns.map((column) => `{{${column}}}`).join(', ')}.`
    : 'Upload a file to see its columns.';
  return (
    <fieldset className="space-y-3">
      <legend className="text-base font-semibold">Inputs</legend>
      <Field id="input-file" label="File of inputs" hint={fileHint} error={fileError}>
        <input
          id="input-file"
          type="file"
          accept=".csv,.jsonl,.ndjson,.json,text/csv,application/jsonl"
          className={FILE_INPUT_CLASSES}
          aria-invalid={Boolean(fileError)}
          aria-describedby={describedBy('input-file', { hint: fileHint, error: fileError })}
          onChange={async (event) => {
            const file = event.target.files?.[0];
            setFileName(file?.name);
            props.onInputs(file ? parseInputFile(file.name, await file.text()) : undefined);
          }}
        />
      </Field>
      {usable && inputs.rows.length > 0 ? (
        <div className="space-y-1">
          <p className="text-sm" data-testid="upload-summary">
            {fileName}: {inputs.rows.length.toLocaleString()} {inputs.rows.length === 1 ? 'row' : 'rows'},
            columns {inputs.columns.join(', ')}
          </p>
          <div className="overflow-x-auto rounded-md border border-zinc-200 dark:border-zinc-800">
            <table className="min-w-full text-left text-xs">
              <caption className="sr-only">First rows of the upload</caption>
              <thead className="bg-zinc-50 dark:bg-zinc-900">
                <tr>
                  {inputs.columns.map((column) => (
                    <th key={column} scope="col" className="px-2 py-1 font-medium">
                      {column}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {inputs.rows.slice(0, PREVIEW_ROWS).map((row, index) => (
                  <tr key={index} className="border-t border-zinc-200 dark:border-zinc-800">
                    {inputs.columns.map((column) => (
                      <td key={column} className="max-w-48 truncate px-2 py-1">
                        {row[column]}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      ) : null}
      <TextAreaField
        id="message-template"
        label="Message"
        hint={messageHint}
        error={errors.messageTemplate}
        value={props.messageTemplate}
        placeholder={props.inputs?.columns.length ? `For example: {{${props.inputs.columns[0]}}}` : 'Where is order {{order_id}}?'}
        onText={props.onMessageTemplate}
      />
      {first && props.messageTemplate ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="message-preview">
          First message:{' '}
          <q className="text-zinc-900 dark:text-zinc-100">{renderTemplate(props.messageTemplate, first)}</q>
        </p>
      ) : null}
      <TextAreaField
        id="record-template"
        label="Dataset record (optional)"
        hint="Added to each input's request as a dataset record, for example Order {{order_id}}: {{status}}."
        error={errors.recordTemplate}
        value={props.recordTemplate}
        onText={props.onRecordTemplate}
      />
    </fieldset>
  );
}
