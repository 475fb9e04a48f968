// The New experiment form's typed work (kind, name, question, variants, templates, runs at once), kept
// as the builder keeps its draft (lib/client/stored-draft.ts) until the experiment starts. The file of
// inputs is not kept: it can be megabytes, and choosing it again is one step. A draft belongs to the
// conversation the builder handed over (or to none): another hand-over starts a fresh form.
import { z } from 'zod';
import { storedDraft } from './stored-draft';

const experimentDraftSchema = z.object({
  /** The builder's hand-over this draft was typed for, as stored text; null without one. */
  handoff: z.string().nullable(),
  kind: z.enum(['compare', 'batch']),
  name: z.string(),
  question: z.string(),
  // As typed, so not yet checked: a name may still be empty.
  variants: z.array(z.object({ label: z.string(), model: z.string().optional(), backstory: z.string().optional() })),
  messageTemplate: z.string(),
  recordTemplate: z.string(),
  concurrency: z.string(),
});
export type ExperimentDraft = z.infer<typeof experimentDraftSchema>;

const experimentDraft = storedDraft('dispatch-studio.experiment.draft', experimentDraftSchema);

/** The draft typed for this hand-over (or for none), if one was kept. */
export function loadExperimentDraft(handoff: string | null): ExperimentDraft | undefined {
  const draft = experimentDraft.load();
  return draft?.handoff === handoff ? draft : undefined;
}

export const saveExperimentDraft = experimentDraft.save;
export const clearExperimentDraft = experimentDraft.clear;
