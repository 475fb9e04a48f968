'use client';
import { useFieldArray, useFormContext } from 'react-hook-form';
import { Button } from '@/components/ui/button';
import type { BuilderForm } from '@/lib/client/builder-form';
import { BuilderSection, ItemCard, ItemControls } from './builder-section';
import { TextField } from './form-fields';

function SkillsetAbilities({ skillsetIndex }: { skillsetIndex: number }) {
  const base = `extensions.skillsets.${skillsetIndex}.abilities` as const;
  const { control } = useFormContext<BuilderForm>();
  const abilities = useFieldArray({ control, name: base });
  return (
    <div role="group" aria-label={`Abilities of skillset ${skillsetIndex + 1}`} className="space-y-2">
      <h4 className="text-sm font-medium">Abilities ({abilities.fields.length})</h4>
      {abilities.fields.map((field, index) => (
        <ItemCard
          key={field.id}
          title={`Ability ${index + 1}`}
          controls={<ItemControls label={`ability ${index + 1}`} index={index} count={abilities.fields.length} onMove={abilities.move} onRemove={() => abilities.remove(index)} />}
        >
          <div className="grid gap-3 sm:grid-cols-2">
            <TextField name={`${base}.${index}.name`} label="Name" />
            <TextField name={`${base}.${index}.secretId`} label="Secret id (optional)" hint="The id of a stored secret; its value never leaves the server" mono />
            <TextField name={`${base}.${index}.description`} label="Description" className="sm:col-span-2" />
            <TextField name={`${base}.${index}.instruction`} label="Instruction" rows={3} className="sm:col-span-2" />
          </div>
        </ItemCard>
      ))}
      <Button size="sm" onClick={() => abilities.append({ name: '', description: '', instruction: '', secretId: '' })}>
        Add ability
      </Button>
    </div>
  );
}

export function SkillsetsSection() {
  const { control } = useFormContext<BuilderForm>();
  const skillsets = useFieldArray({ control, name: 'extensions.skillsets' });
  return (
    <BuilderSection id="section-skillsets" title="Skillsets" summary={`${skillsets.fields.length}`}>
      {skillsets.fields.map((field, index) => (
        <ItemCard
          key={field.id}
          title={`Skillset ${index + 1}`}
          controls={<ItemControls label={`skillset ${index + 1}`} index={index} count={skillsets.fields.length} onMove={skillsets.move} onRemove={() => skillsets.remove(index)} />}
        >
          <div className="grid gap-3 sm:grid-cols-2">
            <TextField name={`extensions.skillsets.${index}.name`} label="Name" />
            <TextField name={`extensions.skillsets.${index}.description`} label="Description" />
          </div>
          <SkillsetAbilities skillsetIndex={index} />
        </ItemCard>
      ))}
      <Button onClick={() => skillsets.append({ name: '', description: '', abilities: [] })}>Add skillset</Button>
    </BuilderSection>
  );
}
