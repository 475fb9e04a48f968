'use client';
import { BuilderSection } from './builder-section';
import { TextField } from './form-fields';
import { ItemList, useListLength } from './item-list';

function SkillsetAbilities({ skillsetIndex, base }: { skillsetIndex: number; base: string }) {
  const count = useListLength(`${base}.abilities`);
  return (
    <div role="group" aria-label={`Abilities of skillset ${skillsetIndex + 1}`} className="space-y-2">
      <h4 className="text-sm font-medium">Abilities ({count})</h4>
      <ItemList
        name={`${base}.abilities`}
        itemTitle="Ability"
        addLabel="Add ability"
        reorderable
        small
        newItem={() => ({ name: '', description: '', instruction: '', secretId: '' })}
        renderItem={(_index, ability) => (
          <div className="grid gap-3 sm:grid-cols-2">
            <TextField name={`${ability}.name`} label="Name" />
            <TextField name={`${ability}.secretId`} label="Secret id (optional)" hint="The id of a stored secret; its value never leaves the server" mono />
            <TextField name={`${ability}.description`} label="Description" className="sm:col-span-2" />
            <TextField name={`${ability}.instruction`} label="Instruction" rows={3} className="sm:col-span-2" />
          </div>
        )}
      />
    </div>
  );
}

export function SkillsetsSection() {
  const count = useListLength('extensions.skillsets');
  return (
    <BuilderSection id="section-skillsets" title="Skillsets" summary={`${count}`}>
      <ItemList
        name="extensions.skillsets"
        itemTitle="Skillset"
        addLabel="Add skillset"
        reorderable
        newItem={() => ({ name: '', description: '', abilities: [] })}
        renderItem={(index, base) => (
          <>
            <div className="grid gap-3 sm:grid-cols-2">
              <TextField name={`${base}.name`} label="Name" />
              <TextField name={`${base}.description`} label="Description" />
            </div>
            <SkillsetAbilities skillsetIndex={index} base={base} />
          </>
        )}
      />
    </BuilderSection>
  );
}
