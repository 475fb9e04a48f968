'use client';
import { useFieldArray, useFormContext, useWatch } from 'react-hook-form';
import { Button } from '@/components/ui/button';
import { emptyFunction, type BuilderForm } from '@/lib/client/builder-form';
import { BuilderSection, ItemCard, ItemControls } from './builder-section';
import { CheckboxField, SelectField, TextField } from './form-fields';
import { FunctionParameters } from './function-parameters';

const RESULT_MODES = [
  { value: 'none', label: 'None (the engine decides)' },
  { value: 'data', label: 'Static data (JSON)' },
  { value: 'channel', label: 'Wait for a publish on a channel' },
];

function FunctionEditor({ index }: { index: number }) {
  const { control } = useFormContext<BuilderForm>();
  const resultMode = useWatch({ control, name: `functions.${index}.resultMode` });
  return (
    <>
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField name={`functions.${index}.name`} label="Name" mono hint="A JavaScript identifier, at most 64 characters, unique" />
        <TextField name={`functions.${index}.description`} label="Description" />
      </div>
      <FunctionParameters functionIndex={index} />
      <div className="grid gap-3 sm:grid-cols-2">
        <SelectField name={`functions.${index}.resultMode`} label="Result" options={RESULT_MODES} />
        {resultMode === 'data' ? <TextField name={`functions.${index}.resultData`} label="Result data (JSON)" rows={3} mono /> : null}
        {resultMode === 'channel' ? (
          <TextField name={`functions.${index}.resultChannel`} label="Result channel" mono hint="Publish the result to this channel" />
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
  const { control } = useFormContext<BuilderForm>();
  const functions = useFieldArray({ control, name: 'functions' });
  return (
    <BuilderSection id="section-functions" title="Functions" summary={`${functions.fields.length}`}>
      {functions.fields.map((field, index) => (
        <ItemCard
          key={field.id}
          title={`Function ${index + 1}`}
          controls={<ItemControls label={`function ${index + 1}`} index={index} count={functions.fields.length} onMove={functions.move} onRemove={() => functions.remove(index)} />}
        >
          <FunctionEditor index={index} />
        </ItemCard>
      ))}
      <Button onClick={() => functions.append(emptyFunction())}>Add function</Button>
    </BuilderSection>
  );
}
