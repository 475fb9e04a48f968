'use client';
// A function's parameters as rows (name, type, description, required), or as raw JSON Schema. Switching
// converts between the two, so a schema round-trips; one rows cannot express stays in JSON mode.
import { useState } from 'react';
import { useFieldArray, useFormContext, useWatch } from 'react-hook-form';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { LIST_ITEM_FOCUS_CLASSES, listAddProps, listItemProps } from '@/components/ui/list-focus';
import {
  PARAMETER_ROW_TYPES,
  emptyParameterRow,
  parametersFromRows,
  rowsFromParameters,
  type BuilderForm,
  type ParameterRowType,
} from '@/lib/client/builder-form';
import { ItemControls } from './builder-section';
import { useRemoveItem } from './builder-undo';
import { CheckboxField, GroupError, SelectField, TextField } from './form-fields';

/** Each type in plain words; the request carries JSON Schema's word ("integer"), the person picks "Whole number". */
const PARAMETER_TYPE_WORDS: Record<ParameterRowType, string> = {
  string: 'Text',
  number: 'Number',
  integer: 'Whole number',
  boolean: 'Yes or no',
  enum: 'One of a list',
  array: 'List',
  object: 'Group of fields',
};
const PARAMETER_TYPE_OPTIONS = PARAMETER_ROW_TYPES.map((value) => ({ value, label: PARAMETER_TYPE_WORDS[value] }));

export function FunctionParameters({ functionIndex }: { functionIndex: number }) {
  const base = `functions.${functionIndex}` as const;
  const { control, getValues, setValue } = useFormContext<BuilderForm>();
  const rows = useFieldArray({ control, name: `${base}.parameterRows` });
  const remove = useRemoveItem(`${base}.parameterRows`, rows, emptyParameterRow);
  const mode = useWatch({ control, name: `${base}.parametersMode` });
  const types = useWatch({ control, name: `${base}.parameterRows` });
  const [switchProblem, setSwitchProblem] = useState<string>();

  const toJson = () => {
    setValue(`${base}.parametersJson`, JSON.stringify(parametersFromRows(getValues(`${base}.parameterRows`)), null, 2));
    setValue(`${base}.parametersMode`, 'json');
    setSwitchProblem(undefined);
  };
  const toRows = () => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(getValues(`${base}.parametersJson`));
    } catch {
      return setSwitchProblem('Fix the JSON first: it does not parse.');
    }
    const converted = rowsFromParameters(parsed);
    if (!converted) return setSwitchProblem('This schema uses features rows cannot show (nested objects, formats…); keep editing it as JSON.');
    rows.replace(converted);
    setValue(`${base}.parametersMode`, 'rows');
    setSwitchProblem(undefined);
  };

  return (
    <div role="group" aria-label={`Parameters of function ${functionIndex + 1}`} className="space-y-2">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h4 className="text-sm font-medium">Parameters</h4>
        <Button size="sm" onClick={mode === 'json' ? toRows : toJson}>
          {mode === 'json' ? 'Edit as rows' : 'Edit as JSON Schema'}
        </Button>
      </div>
      {switchProblem ? (
        <p role="alert" className="text-xs text-red-600 dark:text-red-400">
          {switchProblem}
        </p>
      ) : null}
      {mode === 'json' ? (
        <TextField name={`${base}.parametersJson`} label="Parameters (JSON Schema)" rows={8} mono />
      ) : (
        <>
          <GroupError name={`${base}.parameterRows`} />
          {rows.fields.map((field, index) => (
            <div
              key={field.id}
              role="group"
              aria-label={`Parameter ${index + 1}`}
              {...listItemProps(`${base}.parameterRows`)}
              className={cn('grid gap-2 rounded-md bg-zinc-50 p-2 sm:grid-cols-[1fr_8rem_2fr_auto] dark:bg-zinc-900', LIST_ITEM_FOCUS_CLASSES)}
            >
              <TextField name={`${base}.parameterRows.${index}.name`} label="Name" mono />
              <SelectField name={`${base}.parameterRows.${index}.type`} label="Type" options={PARAMETER_TYPE_OPTIONS} />
              <TextField name={`${base}.parameterRows.${index}.description`} label="Description" />
              <div className="flex flex-col justify-end gap-2 pb-1">
                <CheckboxField name={`${base}.parameterRows.${index}.required`} label="Required" />
                <ItemControls label={`parameter ${index + 1}`} index={index} count={rows.fields.length} onRemove={() => remove(index)} />
              </div>
              {types?.[index]?.type === 'enum' ? (
                <TextField name={`${base}.parameterRows.${index}.enumValues`} label="Allowed values (comma-separated)" className="sm:col-span-4" />
              ) : null}
            </div>
          ))}
          <Button size="sm" {...listAddProps(`${base}.parameterRows`)} onClick={() => rows.append(emptyParameterRow())}>
            Add parameter
          </Button>
        </>
      )}
    </div>
  );
}
