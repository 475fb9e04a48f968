'use client';
import { BuilderSection } from './builder-section';
import { ExtraDataFold } from './extra-data-fold';
import { TextField } from './form-fields';
import { ItemList, useListLength } from './item-list';
import { LibraryShelf, SaveToLibraryButton } from './library-shelf';

function SkillsetAbilities({ skillsetIndex }: { skillsetIndex: number }) {
  const base = `extensions.skillsets.${skillsetIndex}` as const;
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
        newItem={() => ({ name: '', description: '', instruction: '', secretId: '', meta: '' })}
        renderItem={(index) => (
          <div className="grid gap-3 sm:grid-cols-2">
            <TextField name={`${base}.abilities.${index}.name`} label="Name" />
            <TextField
              name={`${base}.abilities.${index}.secretId`}
              label="Secret id (optional)"
              hint="The id of a stored secret; its value never leaves the server"
              mono
            />
            <TextField name={`${base}.abilities.${index}.description`} label="Description" className="sm:col-span-2" />
            <TextField name={`${base}.abilities.${index}.instruction`} label="Instruction" rows={3} className="sm:col-span-2" />
            <div className="sm:col-span-2">
              <ExtraDataFold name={`${base}.abilities.${index}.meta`}>
                <TextField name={`${base}.abilities.${index}.meta`} label="Meta (JSON object)" rows={2} mono />
              </ExtraDataFold>
            </div>
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
        renderHeader={(append) => <LibraryShelf kind="skillset" onAdd={append} />}
        itemActions={(index) => <SaveToLibraryButton kind="skillset" index={index} />}
        renderItem={(index) => (
          <>
            <div className="grid gap-3 sm:grid-cols-2">
              <TextField name={`extensions.skillsets.${index}.name`} label="Name" />
              <TextField name={`extensions.skillsets.${index}.description`} label="Description" />
            </div>
            <SkillsetAbilities skillsetIndex={index} />
          </>
        )}
      />
    </BuilderSection>
  );
}
