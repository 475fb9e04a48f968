'use client';
// Removing an item of a list that holds something offers it back, at its place, with the builder's one
// Undo notice (the one New, a preset and Import use); an item still blank just goes. Either way focus
// stays in the list (components/ui/list-focus.ts).
import { createContext, useContext } from 'react';
import { focusListAfterRemoval } from '@/components/ui/list-focus';

export interface ListOperations<T> {
  remove: (index: number) => void;
  insert: (index: number, item: T) => void;
}

export interface BuilderUndo {
  /** Removes item `index` of `list`; unless it is like `blank` (as "Add" makes it), offers Undo. */
  removeItem: <T>(list: string, index: number, operations: ListOperations<T>, blank: T) => void;
}

export const BuilderUndoContext = createContext<BuilderUndo>({
  removeItem: (_list, index, operations) => operations.remove(index),
});

/** The Remove action of one list: `remove(index)`; its items carry `listItemProps(list)`. */
export function useRemoveItem<T>(list: string, operations: ListOperations<T>, blank: () => T): (index: number) => void {
  const { removeItem } = useContext(BuilderUndoContext);
  return (index: number) => {
    removeItem(list, index, operations, blank());
    focusListAfterRemoval(list, index);
  };
}
