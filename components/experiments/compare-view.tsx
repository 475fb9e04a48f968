'use client';
// A comparison: one column per variant, side by side (stacked on a phone), each streaming its own run.
// The owner marks the best answer and keeps a note; a share link's viewer sees both, read-only.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { describedBy, Field, INPUT_CLASSES } from '@/components/ui/field';
import { setVerdict, type ExperimentPageView, type ExperimentSource } from '@/lib/client/experiments-api';
import { queryKeys } from '@/lib/client/keys';
import { cellKey, type ExperimentCells } from '@/lib/client/use-experiment-cells';
import { CompareColumn } from './compare-column';

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
  const verdict = useMutation({
    mutationFn: (patch: { bestVariant?: number | null; note?: string }) => setVerdict(experiment.id, patch),
    onSuccess: ({ experiment: updated }) =>
      queryClient.setQueryData(queryKeys.experiments.detail(experiment.id), { experiment: updated }),
  });
  const shownBest = source.canAct ? best : experiment.bestVariant;
  const userText = experiment.spec.request.messages.findLast((message) => message.type === 'user')?.text;
  const columns = (
    <div className={`grid grid-cols-1 gap-3 ${COLUMNS_CLASS[experiment.spec.variants.length]}`}>
      {experiment.spec.variants.map((variant, index) => (
        <CompareColumn
          key={index}
          index={index}
          variant={variant}
          cell={cells.cells.get(cellKey(0, index))}
          source={source}
          isBest={shownBest === index}
          onMarkBest={
            source.canAct
              ? () => {
                  setBest(index);
                  verdict.mutate({ bestVariant: index });
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
      {source.canAct ? (
        <fieldset>
          <legend className="sr-only">Answers side by side; choose the best one</legend>
          {columns}
        </fieldset>
      ) : (
        columns
      )}
      {source.canAct ? (
        <form
          className="space-y-2"
          onSubmit={(event) => {
            event.preventDefault();
            verdict.mutate({ note });
          }}
        >
          <Field id="experiment-note" label="Note" hint="Why one answer is better, what to try next.">
            <textarea
              id="experiment-note"
              rows={3}
              className={INPUT_CLASSES}
              value={note}
              aria-describedby={describedBy('experiment-note', { hint: true })}
              onChange={(event) => setNote(event.target.value)}
            />
          </Field>
          <div className="flex items-center gap-3">
            <Button type="submit" disabled={verdict.isPending}>
              Save the note
            </Button>
            <p role="status" className="text-sm text-zinc-600 dark:text-zinc-400">
              {verdict.isSuccess ? 'Saved.' : verdict.isError ? `Not saved: ${verdict.error.message}` : ''}
            </p>
          </div>
        </form>
      ) : experiment.note ? (
        <section aria-labelledby="experiment-note-heading" className="space-y-1">
          <h2 id="experiment-note-heading" className="text-sm font-semibold">
            Note
          </h2>
          <p className="text-sm break-words whitespace-pre-wrap">{experiment.note}</p>
        </section>
      ) : null}
    </div>
  );
}
