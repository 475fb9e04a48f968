'use client';
import { BuilderSection } from './builder-section';
import { DatasetRecords } from './dataset-records';
import { TextField } from './form-fields';
import { ItemList, useListLength } from './item-list';
import { LibraryShelf, SaveToLibraryButton } from './library-shelf';

export function DatasetsSection() {
  const count = useListLength('extensions.datasets');
  return (
    <BuilderSection id="section-datasets" title="Datasets" summary={`${count}`}>
      <p className="text-xs text-zinc-500">Records the bot can answer from; the best matches for the user&apos;s message are used.</p>
      <ItemList
        name="extensions.datasets"
        itemTitle="Dataset"
        addLabel="Add dataset"
        reorderable
        newItem={() => ({ name: '', description: '', records: [] })}
        renderHeader={(append) => <LibraryShelf kind="dataset" onAdd={append} />}
        itemActions={(index) => <SaveToLibraryButton kind="dataset" index={index} />}
        renderItem={(index) => (
          <>
            <div className="grid gap-3 sm:grid-cols-2">
              <TextField name={`extensions.datasets.${index}.name`} label="Name" />
              <TextField name={`extensions.datasets.${index}.description`} label="Description" />
            </div>
            <DatasetRecords datasetIndex={index} />
          </>
        )}
      />
    </BuilderSection>
  );
}
