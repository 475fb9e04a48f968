'use client';
// The library in the builder: "Save to library" on a function, dataset or skillset, and a shelf in
// each of those sections that adds a saved piece to this conversation in one click.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useFormContext } from 'react-hook-form';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import type { BuilderForm, FormProblem } from '@/lib/client/builder-form';
import { queryKeys } from '@/lib/client/keys';
import {
  defaultPieceName,
  formItemOf,
  listLibrary,
  notSavedText,
  pieceOf,
  refusedPieceProblems,
  removeFromLibrary,
  saveToLibrary,
  type FormPieces,
} from '@/lib/client/library';
import type { LibraryItem, LibraryKind, NewLibraryItem } from '@/lib/library/schema';
import { useBuilderProblems } from './builder-problems';
import { focusField } from './error-summary';

const PLURAL: Record<LibraryKind, string> = {
  function: 'functions',
  dataset: 'datasets',
  skillset: 'skillsets',
};

function useLibrary() {
  return useQuery({ queryKey: queryKeys.library, queryFn: listLibrary, staleTime: 30_000 });
}

/** Saves the item at `index` of the section's list to the library; its problems are marked as Dispatch marks them. */
export function SaveToLibraryButton({ kind, index }: { kind: LibraryKind; index: number }) {
  const { getValues } = useFormContext<BuilderForm>();
  const { reveal } = useBuilderProblems();
  const queryClient = useQueryClient();
  const [result, setResult] = useState<{ text: string; saved: boolean }>();
  const showProblems = (problems: FormProblem[]) => {
    reveal(problems.map((problem) => problem.path));
    setResult({ text: notSavedText(problems), saved: false });
    focusField(problems[0].path);
  };
  const save = useMutation({
    mutationFn: saveToLibrary,
    onSuccess: ({ item, updated }) => {
      const text = updated ? `Updated “${item.name}” in your library` : `Saved “${item.name}” to your library`;
      setResult({ text, saved: true });
      void queryClient.invalidateQueries({ queryKey: queryKeys.library });
    },
    onError: (error) => {
      const problems = refusedPieceProblems(error, kind, index, getValues());
      if (problems.length > 0) showProblems(problems);
      else setResult({ text: `Not saved: ${error.message}`, saved: false });
    },
  });
  const onSave = () => {
    const value =
      kind === 'function'
        ? getValues(`functions.${index}`)
        : kind === 'dataset'
          ? getValues(`extensions.datasets.${index}`)
          : getValues(`extensions.skillsets.${index}`);
    const piece = pieceOf(kind, value as FormPieces[typeof kind], index, defaultPieceName(kind, value, index));
    if ('problems' in piece) return showProblems(piece.problems);
    save.mutate(piece.item);
  };
  return (
    <span className="inline-flex flex-wrap items-center justify-end gap-1">
      {result ? (
        <span
          role="status"
          className={cn(
            'text-xs',
            result.saved ? 'text-zinc-600 dark:text-zinc-400' : 'font-medium text-red-600 dark:text-red-400',
          )}
        >
          {result.text}
        </span>
      ) : null}
      <Button
        size="sm"
        variant="ghost"
        onClick={onSave}
        busy={save.isPending}
        aria-label={`Save to library: ${kind} ${index + 1}`}
      >
        Save to library
      </Button>
    </span>
  );
}

/** The saved pieces of one kind, each added to the form with one click. */
export function LibraryShelf<K extends LibraryKind>({
  kind,
  onAdd,
}: {
  kind: K;
  onAdd: (value: FormPieces[K]) => void;
}) {
  const library = useLibrary();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: queryKeys.library });
  // A delete is one click on a small ✕: it says what went and offers Undo (saving the piece again).
  const [deleted, setDeleted] = useState<LibraryItem>();
  const remove = useMutation({
    mutationFn: (item: LibraryItem) => removeFromLibrary(item.id),
    onSuccess: (_answer, item) => {
      setDeleted(item);
      return refresh();
    },
  });
  const restore = useMutation({
    mutationFn: ({ kind, name, piece }: LibraryItem) => saveToLibrary({ kind, name, piece } as NewLibraryItem),
    onSuccess: () => {
      setDeleted(undefined);
      return refresh();
    },
  });
  const items = (library.data?.items ?? []).filter((item) => item.kind === kind);
  return (
    <div
      role="group"
      aria-label={`Saved ${PLURAL[kind]}`}
      className="space-y-1 rounded-md bg-zinc-50 p-2 text-sm dark:bg-zinc-900"
    >
      <h3 className="text-xs font-medium text-zinc-600 dark:text-zinc-400">From your library</h3>
      {library.isError ? (
        <p className="text-xs text-red-600 dark:text-red-400">The library could not be loaded.</p>
      ) : null}
      {items.length === 0 ? (
        <p className="text-xs text-zinc-500">
          Nothing saved yet: use “Save to library” on one of your {PLURAL[kind]}.
        </p>
      ) : (
        <ul className="flex flex-wrap gap-2">
          {items.map((item) => (
            <li
              key={item.id}
              className="inline-flex items-center gap-1 rounded-md border border-zinc-200 bg-white px-2 py-1 dark:border-zinc-700 dark:bg-zinc-950"
            >
              <span className="max-w-48 truncate">{item.name}</span>
              <Button
                size="sm"
                onClick={() => {
                  const piece = formItemOf(item);
                  if (piece.kind === kind) onAdd(piece.value as FormPieces[K]);
                }}
                aria-label={`Add ${item.name} from the library`}
              >
                Add
              </Button>
              <Button
                size="sm"
                variant="ghost"
                onClick={() => remove.mutate(item)}
                aria-label={`Delete ${item.name} from the library`}
              >
                ✕
              </Button>
            </li>
          ))}
        </ul>
      )}
      {deleted ? (
        <p role="status" className="flex flex-wrap items-center gap-2 text-xs text-zinc-700 dark:text-zinc-300">
          Deleted “{deleted.name}” from your library.
          <Button size="sm" onClick={() => restore.mutate(deleted)} busy={restore.isPending}>
            Undo
          </Button>
        </p>
      ) : null}
      {remove.error || restore.error ? (
        <p role="alert" className="text-xs text-red-600 dark:text-red-400">
          {(remove.error ?? restore.error)?.message}
        </p>
      ) : null}
    </div>
  );
}
