// The builder's draft survives reloads in localStorage (lib/client/stored-draft.ts); "New" clears it.
// Beside it, which fields' problems were on screen (edited, or shown by a Dispatch), so a reload shows
// the same problems again instead of hiding them until the next Dispatch.
import { z } from 'zod';
import { builderFormSchema } from './builder-form';
import { storedDraft } from './stored-draft';

const builderDraft = storedDraft('dispatch-studio.builder.draft', builderFormSchema);
const shownProblems = storedDraft('dispatch-studio.builder.shown-problems', z.array(z.string()).max(10_000));

export const loadDraft = builderDraft.load;
export const saveDraft = builderDraft.save;
export function clearDraft(): void {
  builderDraft.clear();
  shownProblems.clear();
}

/** The form paths whose problems were on screen when the draft was last kept. */
export const loadShownProblemPaths = (): string[] => shownProblems.load() ?? [];
export const saveShownProblemPaths = (paths: readonly string[]) => shownProblems.save([...paths]);
