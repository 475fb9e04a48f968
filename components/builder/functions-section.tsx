'use client';
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

function FunctionEditor({ index }: { index: number }) {
  const { control } = useFormContext<BuilderForm>();
  const resultMode = useWatch({ control, name: `functions.${index}.resultMode` });
  return (
    <>
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField name={`functions.${index}.name`} label="Name" mono hint="Letters, digits or _, starting with a letter or _; unique" />
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
            hint="The run waits until an answer arrives here: type it on the run page, or publish it to this channel"
          />
        ) : null}
      </div>
      <div className="flex flex-wrap gap-4">
        <CheckboxField name={`functions.${index}.call.start`} label="Call at the start" />
        <CheckboxField name={`functions.${index}.call.end`} label="Call at the end" />
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
