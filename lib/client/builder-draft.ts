// The builder's draft survives reloads in localStorage; "New" clears it. A stored draft is checked
// against the form's schema before use: one from an older version or edited by hand is ignored, not
// loaded half-broken.
import { builderFormSchema, type BuilderForm } from './builder-form';

const DRAFT_KEY = 'dispatch-studio.builder.draft';

export function loadDraft(): BuilderForm | undefined {
  try {
    const stored = localStorage.getItem(DRAFT_KEY);
    if (!stored) return undefined;
    const parsed = builderFormSchema.safeParse(JSON.parse(stored));
    return parsed.success ? parsed.data : undefined;
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
