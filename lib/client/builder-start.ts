// What the builder's form starts with: a request handed over by a run's "Continue", else the saved
// draft, else an empty form. A draft that a handed-over request replaces is kept for Undo.
import { dispatchRequestSchema } from '../dispatch/schema';
import { loadDraft, loadShownProblemPaths, loadSummaryShown, type BlockedAction } from './builder-draft';
import { emptyBuilderForm, isBlankForm, requestToForm, type BuilderForm } from './builder-form';
import { readBuilderHandoff } from './builder-handoff';

export interface BuilderStart {
  form: BuilderForm;
  /** Something worth keeping was there: the guided start stays closed. */
  hadDraft: boolean;
  /** The draft a handed-over request replaced, offered back by Undo. */
  replacedDraft?: BuilderForm;
  /** The fields whose problems were on screen before the reload (a draft's only). */
  shownProblemPaths: string[];
  /** What the problems' summary said they stopped, when it was on screen before the reload (a draft's only). */
  summaryShown?: BlockedAction;
}

/** Reads, never removes: calling it twice (React may render twice before mounting) gives the same start. */
export function startingBuilderForm(importRequested: boolean, timezone: string): BuilderStart {
  const handedOver = importRequested ? dispatchRequestSchema.safeParse(readBuilderHandoff()) : undefined;
  const draft = loadDraft();
  const hadDraft = draft !== undefined && !isBlankForm(draft);
  if (handedOver?.success) {
    return {
      form: requestToForm(handedOver.data, timezone),
      hadDraft: true,
      ...(hadDraft && { replacedDraft: draft }),
      shownProblemPaths: [],
    };
  }
  return {
    form: draft ?? emptyBuilderForm(timezone),
    hadDraft,
    shownProblemPaths: draft ? loadShownProblemPaths() : [],
    ...(draft && { summaryShown: loadSummaryShown() }),
  };
}
