// Field paths hold list indices ("functions.2.name"), so when an item is removed, put back (Undo) or
// moved, what is remembered per path (edited fields, problems already revealed) must move with the items.

export type ListChange =
  | { kind: 'remove'; index: number }
  | { kind: 'insert'; index: number }
  | { kind: 'move'; from: number; to: number };

/** Where the item at `index` of a list sits after the change; undefined when it was removed. */
function newIndexOf(index: number, change: ListChange): number | undefined {
  if (change.kind === 'remove') return index === change.index ? undefined : index > change.index ? index - 1 : index;
  if (change.kind === 'insert') return index >= change.index ? index + 1 : index;
  const { from, to } = change;
  if (index === from) return to;
  if (from < to && index > from && index <= to) return index - 1;
  if (to < from && index >= to && index < from) return index + 1;
  return index;
}

/** The same set of paths after `change` to the list named `list` (e.g. "extensions.datasets"). */
export function shiftListPaths(paths: ReadonlySet<string>, list: string, change: ListChange): Set<string> {
  const prefix = `${list}.`;
  const shifted = new Set<string>();
  for (const path of paths) {
    const match = path.startsWith(prefix) ? /^(\d+)(.*)$/.exec(path.slice(prefix.length)) : null;
    if (!match) {
      shifted.add(path);
      continue;
    }
    const index = newIndexOf(Number(match[1]), change);
    if (index !== undefined) shifted.add(`${prefix}${index}${match[2]}`);
  }
  return shifted;
}
