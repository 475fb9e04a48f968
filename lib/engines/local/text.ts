// Text shaping for quotes inside a reply: long values are cut so one record or result cannot swamp it.

export function truncate(text: string, maxLength: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= maxLength ? flat : `${flat.slice(0, maxLength - 1).trimEnd()}…`;
}

/** A function result as a reader sees it: strings as they are, everything else as JSON. */
export function describeValue(value: unknown, maxLength: number): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  return truncate(text, maxLength);
}
