// An append-only list kept in fixed-size chunks, for histories that grow for as long as a run streams
// (the events of a channel, the finished blocks of a reply). Appending writes into the last chunk in
// place and returns a new version (a new `length`), so it costs O(appended items), never a copy of the
// history. Versions share their chunks: an older version still reads correctly, because items below
// its length never change. Appending writes by index, so appending the same items to the same version
// twice (React may call a state updater twice) gives the same list; appending different items to an
// older version would overwrite a newer one's, which is why only the newest version is appended to.

export const DEFAULT_CHUNK_SIZE = 256;

export interface AppendOnlyList<T> {
  /** Full chunks of `chunkSize` items, then the chunk being filled (shared between versions). */
  readonly chunks: T[][];
  readonly chunkSize: number;
  readonly length: number;
}

export function emptyList<T>(chunkSize = DEFAULT_CHUNK_SIZE): AppendOnlyList<T> {
  return { chunks: [], chunkSize, length: 0 };
}

export function appendToList<T>(list: AppendOnlyList<T>, items: readonly T[]): AppendOnlyList<T> {
  if (items.length === 0) return list;
  const { chunks, chunkSize } = list;
  let length = list.length;
  for (const item of items) {
    const chunk = (chunks[Math.floor(length / chunkSize)] ??= []);
    chunk[length % chunkSize] = item;
    length += 1;
  }
  return { chunks, chunkSize, length };
}

export const listToArray = <T>(list: AppendOnlyList<T>): T[] => list.chunks.flat().slice(0, list.length);

/**
 * The list in pages (its chunks): a full page is the same array with the same count in every later
 * version, so a memoised component per page renders it once.
 */
export function listPages<T>(list: AppendOnlyList<T>): { items: readonly T[]; count: number }[] {
  return list.chunks.slice(0, Math.ceil(list.length / list.chunkSize)).map((items, index) => ({
    items,
    count: Math.min(list.chunkSize, list.length - index * list.chunkSize),
  }));
}
