'use client';
import { useFieldArray, useFormContext } from 'react-hook-form';
import { Button } from '@/components/ui/button';
import type { BuilderForm } from '@/lib/client/builder-form';
import { BuilderSection, ItemCard, ItemControls } from './builder-section';
import { DatasetRecords } from './dataset-records';
import { TextField } from './form-fields';

export function DatasetsSection() {
  const { control } = useFormContext<BuilderForm>();
  const datasets = useFieldArray({ control, name: 'extensions.datasets' });
  return (
    <BuilderSection id="section-datasets" title="Datasets" summary={`${datasets.fields.length}`}>
      <p className="text-xs text-zinc-500">Records the bot can answer from; the best matches for the user&apos;s message are used.</p>
      {datasets.fields.map((field, index) => (
        <ItemCard
          key={field.id}
          title={`Dataset ${index + 1}`}
          controls={<ItemControls label={`dataset ${index + 1}`} index={index} count={datasets.fields.length} onMove={datasets.move} onRemove={() => datasets.remove(index)} />}
        >
          <div className="grid gap-3 sm:grid-cols-2">
            <TextField name={`extensions.datasets.${index}.name`} label="Name" />
            <TextField name={`extensions.datasets.${index}.description`} label="Description" />
          </div>
          <DatasetRecords datasetIndex={index} />
        </ItemCard>
      ))}
      <Button onClick={() => datasets.append({ name: '', description: '', records: [] })}>Add dataset</Button>
    </BuilderSection>
  );
}
