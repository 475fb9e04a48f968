'use client';
import { BuilderSection } from './builder-section';
import { TextField } from './form-fields';
import { ItemList, useListLength } from './item-list';

export function FeaturesSection() {
  const count = useListLength('extensions.features');
  return (
    <BuilderSection id="section-features" title="Features" summary={`${count}`}>
      <ItemList
        name="extensions.features"
        itemTitle="Feature"
        addLabel="Add feature"
        newItem={() => ({ name: '', options: '' })}
        renderItem={(index) => (
          <div className="grid gap-3 sm:grid-cols-2">
            <TextField name={`extensions.features.${index}.name`} label="Name" mono />
            <TextField name={`extensions.features.${index}.options`} label="Options (JSON object)" rows={2} mono />
          </div>
        )}
      />
    </BuilderSection>
  );
}
