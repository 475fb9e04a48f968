'use client';
// Keeps the keyboard's place in an editable list. Items carry `listItemProps(list)` and the list's Add
// button `listAddProps(list)`; after a removal focus goes to the item that took the removed one's place
// (lib/client/focus-after-removal.ts), not to the page's start where the browser drops it.
import { focusIndexAfterRemoval } from '@/lib/client/focus-after-removal';

/** Marks an item of the list `list` as where focus may land (announced by its role and name). */
export const listItemProps = (list: string) => ({ 'data-list-item': list, tabIndex: -1 });

/** Marks the button that adds to the list `list`: focus lands there when the list is left empty. */
export const listAddProps = (list: string) => ({ 'data-list-add': list });

/** The ring a list item shows when focus lands on it. */
export const LIST_ITEM_FOCUS_CLASSES = 'focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500';

const itemsOf = (list: string) => document.querySelectorAll<HTMLElement>(`[data-list-item="${CSS.escape(list)}"]`);

/** After item `removed` of `list` went: focus its successor, its predecessor, or the list's Add button, once drawn. */
export function focusListAfterRemoval(list: string, removed: number) {
  // React draws the removal at the end of the event that caused it; the next frame sees the new list.
  requestAnimationFrame(() => {
    const items = itemsOf(list);
    const index = focusIndexAfterRemoval(removed, items.length);
    const target = index === undefined ? document.querySelector<HTMLElement>(`[data-list-add="${CSS.escape(list)}"]`) : items[index];
    target?.focus();
  });
}

/** After item `index` of `list` came back (Undo): focus it, once drawn. */
export function focusListItem(list: string, index: number) {
  requestAnimationFrame(() => itemsOf(list)[index]?.focus());
}
