// The library from the builder's side: API calls, and the conversion between a form item and the
// stored piece. A piece is request-shaped, so both directions go through the form's one conversion
// (formToRequest / requestToForm) on a form holding just that item.
import type { LibraryItem, LibraryKind, NewLibraryItem, SavedLibraryItem } from '../library/schema';
import { ApiClientError, apiFetch } from './api';
import { labelOf } from './builder-fields';
import {
  emptyBuilderForm,
  formToRequest,
  requestToForm,
  type BuilderForm,
  type FormDataset,
  type FormFunction,
  type FormProblem,
  type FormSkillset,
} from './builder-form';
import { checkConvertedForm, formPathOfServerIssue } from './builder-validation';

export const listLibrary = () => apiFetch<{ items: LibraryItem[] }>('/api/library');
/** Saves a piece; one of the same kind and name is updated rather than added again. */
export const saveToLibrary = (item: NewLibraryItem) => apiFetch<SavedLibraryItem>('/api/library', { json: item });
export const removeFromLibrary = (id: string) =>
  apiFetch<{ removed: boolean }>(`/api/library/${encodeURIComponent(id)}`, { method: 'DELETE' });

export interface FormPieces {
  function: FormFunction;
  dataset: FormDataset;
  skillset: FormSkillset;
}

/** Where each kind's items sit in the form. */
const LIST_OF: Record<LibraryKind, string> = {
  function: 'functions',
  dataset: 'extensions.datasets',
  skillset: 'extensions.skillsets',
};

/**
 * The stored piece for the form item at `index` of its list, or its problems, checked as Dispatch
 * checks it (one form holding just this item) and named by the item's own fields in the form.
 */
export function pieceOf<K extends LibraryKind>(
  kind: K,
  item: FormPieces[K],
  index: number,
  name: string,
): { item: NewLibraryItem } | { problems: FormProblem[] } {
  const form = emptyBuilderForm();
  if (kind === 'function') form.functions = [item as FormFunction];
  if (kind === 'dataset') form.extensions.datasets = [item as FormDataset];
  if (kind === 'skillset') form.extensions.skillsets = [item as FormSkillset];
  const alone = `${LIST_OF[kind]}.0`;
  const converted = formToRequest(form);
  const problems = checkConvertedForm(form, converted)
    .problems.filter(({ path }) => path === alone || path.startsWith(`${alone}.`))
    .map((problem) => ({ ...problem, path: `${LIST_OF[kind]}.${index}${problem.path.slice(alone.length)}` }));
  if (problems.length > 0) return { problems };
  const { request } = converted;
  const piece =
    kind === 'function'
      ? request.functions?.[0]
      : kind === 'dataset'
        ? request.extensions?.datasets?.[0]
        : request.extensions?.skillsets?.[0];
  return { item: { kind, name, piece } as NewLibraryItem };
}

/** The problems in the server's refusal of the piece at `index`, named by its fields in `form`. */
export function refusedPieceProblems(error: unknown, kind: LibraryKind, index: number, form: BuilderForm): FormProblem[] {
  if (!(error instanceof ApiClientError)) return [];
  // The piece's own path ("piece.name"), or the name it is saved under, which is the item's name.
  return error.issues.map(({ path, message }) => ({
    path: formPathOfServerIssue(`${LIST_OF[kind]}.${index}.${path.startsWith('piece.') ? path.slice(6) : 'name'}`, form),
    message,
  }));
}

/** What "Save to library" says when the piece has problems: the one problem, or how many are marked. */
export function notSavedText(problems: FormProblem[]): string {
  if (problems.length === 1) return `Not saved — ${labelOf(problems[0].path)}: ${problems[0].message}`;
  return `Not saved — fix the ${problems.length} marked fields first`;
}

export type FormPiece = { [K in LibraryKind]: { kind: K; value: FormPieces[K] } }[LibraryKind];

/** The form item for a stored piece. */
export function formItemOf(item: LibraryItem): FormPiece {
  const timezone = 'UTC';
  switch (item.kind) {
    case 'function':
      return {
        kind: 'function',
        value: requestToForm({ messages: [], functions: [item.piece] }, timezone).functions[0],
      };
    case 'dataset':
      return {
        kind: 'dataset',
        value: requestToForm({ messages: [], extensions: { datasets: [item.piece] } }, timezone).extensions
          .datasets[0],
      };
    case 'skillset':
      return {
        kind: 'skillset',
        value: requestToForm({ messages: [], extensions: { skillsets: [item.piece] } }, timezone).extensions
          .skillsets[0],
      };
  }
}

/** The name a piece is saved under: its own name, else "Function 2" and so on. */
export function defaultPieceName(kind: LibraryKind, item: { name: string }, index: number): string {
  return item.name.trim() || `${kind[0].toUpperCase()}${kind.slice(1)} ${index + 1}`;
}
