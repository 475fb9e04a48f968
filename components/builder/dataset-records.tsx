'use client';
import { useId, useState } from 'react';
import { useFieldArray, useFormContext } from 'react-hook-form';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { LIST_ITEM_FOCUS_CLASSES, listAddProps, listItemProps } from '@/components/ui/list-focus';
import { FileTextInput } from '@/components/ui/file-text-input';
import { INPUT_CLASSES } from '@/components/ui/field';
import type { BuilderForm } from '@/lib/client/builder-form';
import { recordsFromFile, recordsFromLines, type RecordImport } from '@/lib/client/record-import';
import { ItemControls } from './builder-section';
import { useRemoveItem } from './builder-undo';
import { ExtraDataFold } from './extra-data-fold';
import { GroupError, TextField } from './form-fields';

/** A dataset's records: edited one by one, or added many at once from pasted lines or a file. */
export function DatasetRecords({ datasetIndex }: { datasetIndex: number }) {
  const base = `extensions.datasets.${datasetIndex}.records` as const;
  const { control } = useFormContext<BuilderForm>();
  const records = useFieldArray({ control, name: base });
  const remove = useRemoveItem(base, records, () => ({ text: '', meta: '' }));
  const pasteId = useId();
  const [pasted, setPasted] = useState('');
  const [report, setReport] = useState<string>();

  const add = (imported: RecordImport) => {
    records.append(imported.records);
    setReport([`Added ${imported.records.length} record${imported.records.length === 1 ? '' : 's'}.`, ...imported.problems].join(' '));
  };

  return (
    <div role="group" aria-label={`Records of dataset ${datasetIndex + 1}`} className="space-y-2">
      <h4 className="text-sm font-medium">Records ({records.fields.length})</h4>
      <GroupError name={base} />
      {records.fields.map((field, index) => (
        <div key={field.id} role="group" aria-label={`Record ${index + 1}`} {...listItemProps(base)} className={cn('grid gap-2 rounded-md sm:grid-cols-[1fr_auto]', LIST_ITEM_FOCUS_CLASSES)}>
          <TextField name={`${base}.${index}.text`} label={`Record ${index + 1} text`} rows={2} />
          <div className="self-end pb-1">
            <ItemControls label={`record ${index + 1}`} index={index} count={records.fields.length} onRemove={() => remove(index)} />
          </div>
          <div className="sm:col-span-2">
            <ExtraDataFold name={`${base}.${index}.meta`}>
              <TextField name={`${base}.${index}.meta`} label={`Record ${index + 1} meta (JSON object)`} rows={2} mono />
            </ExtraDataFold>
          </div>
        </div>
      ))}
      <div className="flex flex-wrap gap-2">
        <Button size="sm" {...listAddProps(base)} onClick={() => records.append({ text: '', meta: '' })}>
          Add record
        </Button>
      </div>
      <div className="space-y-1 rounded-md bg-zinc-50 p-2 dark:bg-zinc-900">
        <label htmlFor={pasteId} className="block text-sm font-medium">
          Paste records, one per line
        </label>
        <textarea id={pasteId} rows={3} value={pasted} onChange={(event) => setPasted(event.target.value)} className={INPUT_CLASSES} />
        <div className="flex flex-wrap items-center gap-2">
          <Button
            size="sm"
            disabled={!pasted.trim()}
            onClick={() => {
              add(recordsFromLines(pasted));
              setPasted('');
            }}
          >
            Add pasted records
          </Button>
          <FileTextInput label="Load a .txt, .csv or .jsonl file" accept=".txt,.csv,.jsonl,.ndjson" onText={(name, text) => add(recordsFromFile(name, text))} />
        </div>
        {report ? (
          <p role="status" className="text-xs text-zinc-600 dark:text-zinc-400">
            {report}
          </p>
        ) : null}
      </div>
    </div>
  );
}
