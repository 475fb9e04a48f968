'use client';
import { useEffect } from 'react';
import { useFormContext, useWatch } from 'react-hook-form';
import { emptyFunction, type BuilderForm } from '@/lib/client/builder-form';
import { BuilderSection } from './builder-section';
import { CheckboxField, SelectField, TextField } from './form-fields';
import { FunctionParameters } from './function-parameters';
import { ItemList, useListLength } from './item-list';
import { LibraryShelf, SaveToLibraryButton } from './library-shelf';

const RESULT_MODES = [
  { value: 'none', label: 'None (the model is told there is no result)' },
  { value: 'data', label: 'Fixed data (JSON)' },
  { value: 'channel', label: 'Wait for an answer' },
];

/** A channel name to start from, made of the function's name ("answers-for-lookupOrder"). */
const suggestedChannel = (functionName: string, index: number) =>
  `answers-for-${functionName.replace(/[^A-Za-z0-9_-]/g, '') || `function-${index + 1}`}`;

function FunctionEditor({ index }: { index: number }) {
  const { control, getValues, setValue } = useFormContext<BuilderForm>();
  const resultMode = useWatch({ control, name: `functions.${index}.resultMode` });
  // Choosing "Wait for an answer" fills in a channel name, so nobody has to invent one before it works.
  useEffect(() => {
    if (resultMode !== 'channel' || getValues(`functions.${index}.resultChannel`)) return;
    setValue(`functions.${index}.resultChannel`, suggestedChannel(getValues(`functions.${index}.name`), index));
  }, [resultMode, index, getValues, setValue]);
  return (
    <>
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField name={`functions.${index}.name`} label="Name" mono hint="Letters, digits and _, no spaces (e.g. get_order_status); unique" />
        <TextField name={`functions.${index}.description`} label="Description" />
      </div>
      <FunctionParameters functionIndex={index} />
      <div className="grid gap-3 sm:grid-cols-2">
        <SelectField name={`functions.${index}.resultMode`} label="Result" options={RESULT_MODES} />
        {resultMode === 'data' ? <TextField name={`functions.${index}.resultData`} label="Result data (JSON)" rows={3} mono /> : null}
        {resultMode === 'channel' ? (
          <TextField
            name={`functions.${index}.resultChannel`}
            label="Answer channel"
            mono
            hint="A name of your choosing (letters, digits, _ or -). The run waits for an answer: type it on the run's page, or publish it to this channel"
          />
        ) : null}
      </div>
      <div className="flex flex-wrap gap-4">
        <CheckboxField name={`functions.${index}.call.start`} label="Always call it before the reply" />
        <CheckboxField name={`functions.${index}.call.end`} label="Always call it after the reply" />
      </div>
    </>
  );
}

export function FunctionsSection() {
  const count = useListLength('functions');
  return (
    <BuilderSection id="section-functions" title="Functions" summary={`${count}`}>
      <ItemList
        name="functions"
        itemTitle="Function"
        addLabel="Add function"
        reorderable
        newItem={emptyFunction}
        renderHeader={(append) => <LibraryShelf kind="function" onAdd={append} />}
        itemActions={(index) => <SaveToLibraryButton kind="function" index={index} />}
        renderItem={(index) => <FunctionEditor index={index} />}
      />
    </BuilderSection>
  );
}
