// Where focus lands once an item of a list is removed: the browser would put it on the page's start.

/**
 * The index of the item to focus after item `removed` went and `remaining` items are left: the one that
 * took its place, or the one before it when the last item went; `undefined` when none is left (then the
 * list's Add button takes focus).
 */
export function focusIndexAfterRemoval(removed: number, remaining: number): number | undefined {
  if (remaining <= 0) return undefined;
  return Math.min(Math.max(removed, 0), remaining - 1);
}
