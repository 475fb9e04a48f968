'use client';
import { BuilderSection } from './builder-section';
import { TextField } from './form-fields';
import { ItemList, useListLength } from './item-list';

export function FeaturesSection() {
  const count = useListLength('extensions.features');
  return (
    <BuilderSection id="section-features" title="Features" summary={`${count}`}>
      <p className="text-xs text-zinc-500">
        Extra abilities to switch on by name, each with its settings. Only ChatBotKit uses them; the demo and
        OpenAI-compatible engines leave them aside.
      </p>
      <ItemList
        name="extensions.features"
        itemTitle="Feature"
        addLabel="Add feature"
        newItem={() => ({ name: '', options: '' })}
        renderItem={(index) => (
          <div className="grid gap-3 sm:grid-cols-2">
            <TextField name={`extensions.features.${index}.name`} label="Name" mono />
            <TextField name={`extensions.features.${index}.options`} label="Options (JSON object)" rows={2} mono hint={'Its settings, e.g. {"depth": 2}; empty for none'} />
          </div>
        )}
      />
    </BuilderSection>
  );
}
