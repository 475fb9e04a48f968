// The builder's draft survives reloads in localStorage (lib/client/stored-draft.ts); "New" clears it.
// Beside it, which fields' problems were on screen (edited, or shown by a Dispatch), and whether their
// summary was, so a reload shows the same problems again instead of hiding them until the next Dispatch.
import { z } from 'zod';
import { builderFormSchema } from './builder-form';
import { storedDraft } from './stored-draft';

const builderDraft = storedDraft('dispatch-studio.builder.draft', builderFormSchema);
const shownProblems = storedDraft('dispatch-studio.builder.shown-problems', z.array(z.string()).max(10_000));

/** What the form's problems stopped when their summary was on screen: a dispatch, or a comparison (Compare). */
export const blockedActionSchema = z.enum(['dispatching', 'comparing']);
export type BlockedAction = z.infer<typeof blockedActionSchema>;
const summaryShown = storedDraft('dispatch-studio.builder.summary-shown', blockedActionSchema);

export const loadDraft = builderDraft.load;
export const saveDraft = builderDraft.save;
export function clearDraft(): void {
  builderDraft.clear();
  shownProblems.clear();
  summaryShown.clear();
}

/** The form paths whose problems were on screen when the draft was last kept. */
export const loadShownProblemPaths = (): string[] => shownProblems.load() ?? [];
export const saveShownProblemPaths = (paths: readonly string[]) => shownProblems.save([...paths]);

/** Whether the problems' summary (with links to each field) was on screen, and for what; undefined: it was not. */
export const loadSummaryShown = (): BlockedAction | undefined => summaryShown.load();
export const saveSummaryShown = (blocked: BlockedAction | undefined) =>
  blocked ? summaryShown.save(blocked) : summaryShown.clear();
