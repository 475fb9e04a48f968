'use client';
// A list of the form (useFieldArray): one card per item with move/remove controls, and an add button.
import type { ReactNode } from 'react';
import { useFieldArray, useFormContext, useWatch } from 'react-hook-form';
import { Button } from '@/components/ui/button';
import type { BuilderForm } from '@/lib/client/builder-form';
import { ItemCard, ItemControls } from './builder-section';

interface ItemListProps {
  /** The list's field name, e.g. "extensions.datasets". */
  name: string;
  /** "Dataset" → cards "Dataset 1", "Dataset 2"… */
  itemTitle: string;
  addLabel: string;
  newItem: () => object;
  reorderable?: boolean;
  small?: boolean;
  renderItem: (index: number, base: string) => ReactNode;
}

export function ItemList({ name, itemTitle, addLabel, newItem, reorderable = false, small = false, renderItem }: ItemListProps) {
  const { control } = useFormContext<BuilderForm>();
  const list = useFieldArray({ control, name: name as never });
  return (
    <>
      {list.fields.map((field, index) => (
        <ItemCard
          key={field.id}
          title={`${itemTitle} ${index + 1}`}
          controls={
            <ItemControls
              label={`${itemTitle.toLowerCase()} ${index + 1}`}
              index={index}
              count={list.fields.length}
              onMove={reorderable ? list.move : undefined}
              onRemove={() => list.remove(index)}
            />
          }
        >
          {renderItem(index, `${name}.${index}`)}
        </ItemCard>
      ))}
      <Button size={small ? 'sm' : 'md'} onClick={() => list.append(newItem() as never)}>
        {addLabel}
      </Button>
    </>
  );
}

/** How many items a list of the form holds, for a section's summary. */
export function useListLength(name: string): number {
  const { control } = useFormContext<BuilderForm>();
  return ((useWatch({ control, name: name as never }) as unknown[] | undefined) ?? []).length;
}
