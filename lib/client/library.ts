// The library from the builder's side: API calls, and the conversion between a form item and the
// stored piece. A piece is request-shaped, so both directions go through the form's one conversion
// (formToRequest / requestToForm) on a form holding just that item.
import type { LibraryItem, LibraryKind, NewLibraryItem } from '../library/schema';
import { apiFetch } from './api';
import {
  emptyBuilderForm,
  formToRequest,
  requestToForm,
  type FormDataset,
  type FormFunction,
  type FormSkillset,
} from './builder-form';

export const listLibrary = () => apiFetch<{ items: LibraryItem[] }>('/api/library');
export const saveToLibrary = (item: NewLibraryItem) =>
  apiFetch<{ item: LibraryItem }>('/api/library', { json: item });
export const removeFromLibrary = (id: string) =>
  apiFetch<{ removed: boolean }>(`/api/library/${encodeURIComponent(id)}`, { method: 'DELETE' });

export interface FormPieces {
  function: FormFunction;
  dataset: FormDataset;
  skillset: FormSkillset;
}

/** The stored piece for a form item, or the form's problems with it. */
export function pieceOf<K extends LibraryKind>(
  kind: K,
  item: FormPieces[K],
  name: string,
): { item: NewLibraryItem } | { problem: string } {
  const form = emptyBuilderForm();
  if (kind === 'function') form.functions = [item as FormFunction];
  if (kind === 'dataset') form.extensions.datasets = [item as FormDataset];
  if (kind === 'skillset') form.extensions.skillsets = [item as FormSkillset];
  const { request, problems } = formToRequest(form);
  if (problems.length > 0) return { problem: 'Fix the JSON in it first' };
  const piece =
    kind === 'function'
      ? request.functions?.[0]
      : kind === 'dataset'
        ? request.extensions?.datasets?.[0]
        : request.extensions?.skillsets?.[0];
  return { item: { kind, name, piece } as NewLibraryItem };
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
