'use client';
// A list of the form (useFieldArray): one card per item with move/remove controls, and an add button.
import type { ReactNode } from 'react';
import { useFieldArray, useFormContext, useWatch, type FieldArray, type FieldArrayPath } from 'react-hook-form';
import { Button } from '@/components/ui/button';
import { listAddProps } from '@/components/ui/list-focus';
import type { BuilderForm } from '@/lib/client/builder-form';
import { ItemCard, ItemControls } from './builder-section';
import { useBuilderProblems } from './builder-problems';
import { useRemoveItem } from './builder-undo';
import { GroupError } from './form-fields';

export type ListName = FieldArrayPath<BuilderForm>;

interface ItemListProps<N extends ListName> {
  /** The list's field name, e.g. "extensions.datasets". */
  name: N;
  /** "Dataset" → cards "Dataset 1", "Dataset 2"… */
  itemTitle: string;
  addLabel: string;
  newItem: () => FieldArray<BuilderForm, N>;
  reorderable?: boolean;
  small?: boolean;
  /** Extra buttons beside an item's controls (e.g. "Save to library"). */
  itemActions?: (index: number) => ReactNode;
  /** Shown above the items, with a way to add an item (e.g. the library shelf). */
  renderHeader?: (append: (item: FieldArray<BuilderForm, N>) => void) => ReactNode;
  renderItem: (index: number) => ReactNode;
}

export function ItemList<N extends ListName>({ name, itemTitle, addLabel, newItem, reorderable = false, small = false, itemActions, renderHeader, renderItem }: ItemListProps<N>) {
  const { control } = useFormContext<BuilderForm>();
  const list = useFieldArray({ control, name });
  const { onListChange } = useBuilderProblems();
  const remove = useRemoveItem(name, { remove: list.remove, insert: (index, item: FieldArray<BuilderForm, N>) => list.insert(index, item) }, newItem);
  return (
    <>
      <GroupError name={name} />
      {renderHeader?.((item) => list.append(item))}
      {list.fields.map((field, index) => (
        <ItemCard
          key={field.id}
          list={name}
          title={`${itemTitle} ${index + 1}`}
          controls={
            <div className="flex flex-wrap items-center gap-1">
              {itemActions?.(index)}
              <ItemControls
                label={`${itemTitle.toLowerCase()} ${index + 1}`}
                index={index}
                count={list.fields.length}
                onMove={
                  reorderable
                    ? (from, to) => {
                        list.move(from, to);
                        onListChange(name, { kind: 'move', from, to });
                      }
                    : undefined
                }
                onRemove={() => remove(index)}
              />
            </div>
          }
        >
          {renderItem(index)}
        </ItemCard>
      ))}
      <Button size={small ? 'sm' : 'md'} {...listAddProps(name)} onClick={() => list.append(newItem())}>
        {addLabel}
      </Button>
    </>
  );
}

/** How many items a list of the form holds, for a section's summary. */
export function useListLength(name: ListName): number {
  const { control } = useFormContext<BuilderForm>();
  return (useWatch({ control, name }) ?? []).length;
}
