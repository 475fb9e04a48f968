// Reusable pieces a person keeps for other conversations: a function, a dataset or a skillset, stored
// exactly as they appear in a dispatch request (checked by the same schemas), per owner.
import { z } from 'zod';
import { datasetSchema, DISPATCH_LIMITS, functionSchema, skillsetSchema } from '../dispatch/schema';

export const LIBRARY_KINDS = ['function', 'dataset', 'skillset'] as const;
export type LibraryKind = (typeof LIBRARY_KINDS)[number];

/** At most this many pieces per owner, so one owner cannot grow the store without bound. */
export const LIBRARY_MAX_ITEMS = 200;
/** And each piece at most this large (its JSON body), so one owner holds at most ~50 MiB. */
export const LIBRARY_MAX_ITEM_BYTES = 256 * 1024;

const name = z
  .string()
  .trim()
  .min(1, 'Give the piece a name')
  .max(DISPATCH_LIMITS.shortText, `Use at most ${DISPATCH_LIMITS.shortText} characters`);

export const newLibraryItemSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('function'), name, piece: functionSchema }),
  z.strictObject({ kind: z.literal('dataset'), name, piece: datasetSchema }),
  z.strictObject({ kind: z.literal('skillset'), name, piece: skillsetSchema }),
]);

export type NewLibraryItem = z.infer<typeof newLibraryItemSchema>;
export type LibraryItem = NewLibraryItem & { id: string; createdAt: number };
/** A stored piece, and whether it replaced one of the same kind and name. */
export interface SavedLibraryItem {
  item: LibraryItem;
  updated: boolean;
}

let lastCreatedAt = 0;

/**
 * The stored form of a new piece. Creation times are strictly increasing within a process, so
 * "newest first" is exact even for two saves in the same millisecond.
 */
export function storedLibraryItem(item: NewLibraryItem): LibraryItem {
  lastCreatedAt = Math.max(Date.now(), lastCreatedAt + 1);
  return { ...item, id: crypto.randomUUID(), createdAt: lastCreatedAt };
}

/** A stored item read back: parsed, not cast, so a damaged row is skipped rather than served. */
export function parseStoredLibraryItem(value: unknown): LibraryItem | undefined {
  const parsed = newLibraryItemSchema
    .and(z.object({ id: z.string(), createdAt: z.number() }))
    .safeParse(value);
  return parsed.success ? (parsed.data as LibraryItem) : undefined;
}

export interface LibraryStore {
  /** The owner's pieces, newest first. */
  list(owner: string): Promise<LibraryItem[]>;
  /**
   * Stores a piece. One of the same kind and name is replaced (the new one is then the newest), so
   * saving again updates it rather than adding a second that cannot be told apart. Undefined when the
   * piece is new and the owner already holds LIBRARY_MAX_ITEMS.
   */
  save(owner: string, item: NewLibraryItem): Promise<SavedLibraryItem | undefined>;
  /** Removes a piece of this owner; says whether there was one. */
  remove(owner: string, id: string): Promise<boolean>;
  close(): Promise<void>;
}
