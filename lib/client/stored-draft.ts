// Work typed into a form, kept in localStorage so a reload, Back or a link elsewhere does not lose it.
// A stored draft is checked against its schema before use: one from an older version or edited by hand
// is ignored, not loaded half-broken. The builder and the experiment setup each keep one this way.
import type { z } from 'zod';

export interface StoredDraft<T> {
  load(): T | undefined;
  save(draft: T): void;
  clear(): void;
}

export function storedDraft<Schema extends z.ZodType>(key: string, schema: Schema): StoredDraft<z.infer<Schema>> {
  return {
    load() {
      try {
        const stored = localStorage.getItem(key);
        if (!stored) return undefined;
        const parsed = schema.safeParse(JSON.parse(stored));
        return parsed.success ? parsed.data : undefined;
      } catch {
        return undefined;
      }
    },
    save(draft) {
      try {
        localStorage.setItem(key, JSON.stringify(draft));
      } catch {
        // Storage full or disabled: the draft is a convenience, the form still works.
      }
    },
    clear() {
      try {
        localStorage.removeItem(key);
      } catch {
        // Storage disabled: nothing was kept to clear.
      }
    },
  };
}
