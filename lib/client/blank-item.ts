// Whether an item of a builder list holds anything a person would miss: removing one that does is
// offered back with Undo, one still as it was added (or emptied again) just goes.

/** True when `item` holds what `blank` (the item as "Add" makes it) holds, blank text counting as empty. */
export function isBlankItem(item: unknown, blank: unknown): boolean {
  if (typeof item === 'string' && typeof blank === 'string') return item.trim() === blank.trim();
  if (Array.isArray(item) || Array.isArray(blank)) {
    if (!Array.isArray(item) || !Array.isArray(blank)) return false;
    return item.length === blank.length && item.every((entry, index) => isBlankItem(entry, blank[index]));
  }
  if (typeof item === 'object' && item !== null && typeof blank === 'object' && blank !== null) {
    const keys = new Set([...Object.keys(item), ...Object.keys(blank)]);
    return [...keys].every((key) => isBlankItem((item as Record<string, unknown>)[key], (blank as Record<string, unknown>)[key]));
  }
  return item === blank;
}
