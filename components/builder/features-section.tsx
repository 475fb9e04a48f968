'use client';
import { useFieldArray, useFormContext } from 'react-hook-form';
import { Button } from '@/components/ui/button';
import type { BuilderForm } from '@/lib/client/builder-form';
import { BuilderSection, ItemCard, ItemControls } from './builder-section';
import { TextField } from './form-fields';

export function FeaturesSection() {
  const { control } = useFormContext<BuilderForm>();
  const features = useFieldArray({ control, name: 'extensions.features' });
  return (
    <BuilderSection id="section-features" title="Features" summary={`${features.fields.length}`}>
      {features.fields.map((field, index) => (
        <ItemCard
          key={field.id}
          title={`Feature ${index + 1}`}
          controls={<ItemControls label={`feature ${index + 1}`} index={index} count={features.fields.length} onRemove={() => features.remove(index)} />}
        >
          <div className="grid gap-3 sm:grid-cols-2">
            <TextField name={`extensions.features.${index}.name`} label="Name" mono />
            <TextField name={`extensions.features.${index}.options`} label="Options (JSON object)" rows={2} mono />
          </div>
        </ItemCard>
      ))}
      <Button onClick={() => features.append({ name: '', options: '' })}>Add feature</Button>
    </BuilderSection>
  );
}
