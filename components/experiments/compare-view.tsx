'use client';
// A comparison: one column per variant, side by side (stacked on a phone), each streaming its own run,
// with the owner's actions (cancel, retry, exports) as a batch has them.
// The owner marks the best answer and keeps a note, saved as it is typed (and at once when the page is
// left, so nothing typed is lost); a share link's viewer sees both, read-only.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { describedBy, Field, INPUT_CLASSES } from '@/components/ui/field';
import {
  setVerdict,
  type ExperimentPageView,
  type ExperimentSource,
  type ExperimentView,
} from '@/lib/client/experiments-api';
import { queryKeys } from '@/lib/client/keys';
import { useDebouncedSave, type SaveMoment } from '@/lib/client/use-debounced-save';
import { cellKey, type ExperimentCells } from '@/lib/client/use-experiment-cells';
import { runsToCancel } from './cancel-all-button';
import { CompareColumn, compareColumnId } from './compare-column';
import { TEXT_PIECE_MEANING } from '@/components/ui/plain-terms';
import { ExperimentActions } from './experiment-actions';

const COLUMNS_CLASS = ['', '', 'md:grid-cols-2', 'md:grid-cols-3', 'md:grid-cols-2 xl:grid-cols-4'];

interface CompareViewProps {
  experiment: ExperimentPageView;
  cells: ExperimentCells;
  source: ExperimentSource;
}

export function CompareView({ experiment, cells, source }: CompareViewProps) {
  const queryClient = useQueryClient();
  const [note, setNote] = useState(experiment.note ?? '');
  // Shown at once; the server keeps it (the answer updates the cached experiment).
  const [best, setBest] = useState(experiment.bestVariant);
  const keepUpdated = ({ experiment: updated }: { experiment: ExperimentView }) =>
    queryClient.setQueryData(queryKeys.experiments.detail(experiment.id), { experiment: updated });
  const verdict = useMutation({
    mutationFn: (bestVariant: number) => setVerdict(experiment.id, { bestVariant }),
    onSuccess: keepUpdated,
  });
  const [savedNote, setSavedNote] = useState(note);
  const noteSave = useMutation({
    mutationFn: ({ text, leaving }: { text: string; leaving: boolean }) =>
      setVerdict(experiment.id, { note: text }, { keepalive: leaving }),
    onSuccess: (answer, { text }) => {
      setSavedNote(text);
      keepUpdated(answer);
    },
  });
  const { mutate: saveNote } = noteSave;
  const saveChangedNote = useCallback(
    (text: string, { leaving }: SaveMoment) => {
      if (text !== savedNote) saveNote({ text, leaving });
    },
    [savedNote, saveNote],
  );
  useDebouncedSave(note, saveChangedNote, 800);
  const status = verdict.isError
    ? `The best answer was not saved: ${verdict.error.message}`
    : noteSave.isPending
      ? 'Saving…'
      : noteSave.isError
        ? `The note was not saved yet: ${noteSave.error.message}`
        : noteSave.isSuccess && note === savedNote
          ? 'Saved'
          : '';
  const shownBest = source.canAct ? best : experiment.bestVariant;
  const userText = experiment.spec.request.messages.findLast((message) => message.type === 'user')?.text;
  const columns = (
    <div className={`grid grid-cols-1 gap-3 ${COLUMNS_CLASS[experiment.spec.variants.length]}`}>
      {experiment.spec.variants.map((variant, index) => (
        <CompareColumn
          key={index}
          index={index}
          variant={variant}
          conversation={experiment.spec.request}
          cell={cells.cells.get(cellKey(0, index))}
          source={source}
          isBest={shownBest === index}
          onMarkBest={
            source.canAct
              ? () => {
                  setBest(index);
                  verdict.mutate(index);
                }
              : undefined
          }
        />
      ))}
    </div>
  );
  return (
    <div className="space-y-4">
      {userText ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Question: <q className="text-zinc-900 dark:text-zinc-100">{userText}</q>
        </p>
      ) : null}
      {source.canAct ? null : (
        <SharedVerdict
          best={shownBest === undefined ? undefined : { index: shownBest, label: experiment.spec.variants[shownBest]?.label }}
          note={experiment.note}
        />
      )}
      {source.canAct ? (
        <ExperimentActions
          experiment={experiment}
          unanswered={cells.counts}
          toCancel={() =>
            runsToCancel(
              cells,
              experiment.spec.variants.length,
              (cell) => experiment.spec.variants[cell.variant]?.label ?? '',
            )
          }
        />
      ) : null}
      {source.canAct ? (
        <fieldset>
          <legend className="sr-only">Answers side by side; choose the best one</legend>
          {columns}
        </fieldset>
      ) : (
        columns
      )}
      <p data-testid="text-piece-meaning" className="text-xs text-zinc-600 dark:text-zinc-400">
        {TEXT_PIECE_MEANING}
      </p>
      {source.canAct ? (
        <div className="space-y-1">
          <Field
            id="experiment-note"
            label="Note"
            hint="Why one answer is better, what to try next. Saved as you type."
          >
            <textarea
              id="experiment-note"
              rows={3}
              className={INPUT_CLASSES}
              value={note}
              aria-describedby={describedBy('experiment-note', { hint: true })}
              onChange={(event) => setNote(event.target.value)}
            />
          </Field>
          <p role="status" className="min-h-5 text-sm text-zinc-600 dark:text-zinc-400">
            {status}
          </p>
        </div>
      ) : null}
    </div>
  );
}

/**
 * What the one who shared the comparison concluded, first on a share link's page (on a phone the columns
 * are stacked, and the conclusion would come some screens down): the best answer, linked to its column,
 * and the note.
 */
function SharedVerdict({ best, note }: { best?: { index: number; label?: string }; note?: string }) {
  if (!best && !note) return null;
  return (
    <section
      aria-labelledby="shared-verdict-heading"
      data-testid="shared-verdict"
      className="space-y-1 rounded-lg border border-emerald-300 bg-emerald-50 p-3 text-sm text-emerald-950 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-50"
    >
      <h2 id="shared-verdict-heading" className="font-semibold">
        {best ? (
          <>
            Best answer:{' '}
            <a className="underline" href={`#${compareColumnId(best.index)}`}>
              {best.label ?? `Variant ${best.index + 1}`}
            </a>
          </>
        ) : (
          'Note'
        )}
      </h2>
      {note ? <p className="break-words whitespace-pre-wrap">{note}</p> : null}
    </section>
  );
}
