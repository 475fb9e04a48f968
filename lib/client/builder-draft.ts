// The builder's draft survives reloads in localStorage; "New" clears it.
import type { BuilderForm } from './builder-form';

const DRAFT_KEY = 'dispatch-studio.builder.draft';

export function loadDraft(): BuilderForm | undefined {
  try {
    const stored = localStorage.getItem(DRAFT_KEY);
    return stored ? (JSON.parse(stored) as BuilderForm) : undefined;
  } catch {
    return undefined;
  }
}

export function saveDraft(form: BuilderForm): void {
  try {
    localStorage.setItem(DRAFT_KEY, JSON.stringify(form));
  } catch {
    // Storage full or disabled: the draft is a convenience, the form still works.
  }
}

export const clearDraft = () => localStorage.removeItem(DRAFT_KEY);
