// The builder's draft survives reloads in localStorage (lib/client/stored-draft.ts); "New" clears it.
import { builderFormSchema } from './builder-form';
import { storedDraft } from './stored-draft';

const builderDraft = storedDraft('dispatch-studio.builder.draft', builderFormSchema);

export const loadDraft = builderDraft.load;
export const saveDraft = builderDraft.save;
export const clearDraft = builderDraft.clear;
