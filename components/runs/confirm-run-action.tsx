'use client';
// Asks before cancelling or retrying runs (from the list, on a run's page, or an experiment's "Cancel all"),
// naming the runs it will act on.
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { WARNING_NOTE_CLASSES } from '@/components/ui/warning-note';
import { runName } from '@/lib/client/format';
import type { RunActionKind } from '@/lib/client/run-actions';
import type { RunSummary } from '@/lib/runs/summary';

const SHOWN = 5;

interface Words {
  explain: string;
  confirm: string;
  keep: string;
}

/** What the dialog says, for one run or for several. */
const WORDS: Record<RunActionKind, (one: boolean) => Words> = {
  cancel: (one) => ({
    explain: one
      ? 'It stops where it is; what it streamed so far is kept.'
      : 'They stop where they are; what they streamed so far is kept.',
    confirm: one ? 'Cancel run' : 'Cancel runs',
    keep: one ? 'Keep it running' : 'Keep them running',
  }),
  retry: (one) => ({
    explain: one
      ? 'It is dispatched again with the same request, as a new run.'
      : 'Each one is dispatched again with the same request, as a new run.',
    confirm: one ? 'Retry run' : 'Retry runs',
    keep: 'Don’t retry',
  }),
};

const TITLES: Record<RunActionKind, string> = { cancel: 'Cancel', retry: 'Retry' };

/** Chosen runs the action does not apply to: "2 of the chosen runs have already ended; they are left as they are." */
function leftAloneText(kind: RunActionKind, count: number): string {
  const one = count === 1;
  const runs = one ? '1 of the chosen runs' : `${count.toLocaleString()} of the chosen runs`;
  return kind === 'cancel'
    ? `${runs} ${one ? 'has' : 'have'} already ended; ${one ? 'it is left as it is' : 'they are left as they are'}.`
    : `${runs} ${one ? 'is' : 'are'} still going; ${one ? 'it is' : 'they are'} not retried.`;
}

/** An experiment's runs not started yet: "12 runs not started yet will not start." */
function notStartedText(count: number): string {
  return count === 1
    ? '1 run not started yet will not start.'
    : `${count.toLocaleString()} runs not started yet will not start.`;
}

/** What acting from the runs list means for runs an experiment sent: "It belongs to an experiment: …". */
function fromExperimentsText(kind: RunActionKind, fromExperiments: number, of: number): string {
  const which = of === 1 ? 'It belongs' : fromExperiments === of ? 'All of them belong' : `${fromExperiments.toLocaleString()} of them belong`;
  return kind === 'cancel'
    ? `${which} to an experiment: cancelled, ${fromExperiments === 1 ? 'its answer stays' : 'their answers stay'} missing there.`
    : `${which} to an experiment: a retry runs on its own, outside the experiment.`;
}

/** Warns before a run is sent again by mistake: "All 3 were retried already; this makes new runs again." */
function retriedAlreadyText(retried: number, of: number): string {
  const all = of === 2 ? 'Both were' : `All ${of.toLocaleString()} were`;
  const which =
    of === 1
      ? 'It was'
      : retried === of
        ? all
        : `${retried.toLocaleString()} of them ${retried === 1 ? 'was' : 'were'}`;
  return `${which} retried already; retrying makes ${retried === 1 ? 'another new run' : 'more new runs'}.`;
}

export function ConfirmRunAction({
  kind,
  runs,
  leftAlone = 0,
  notStarted = 0,
  fromExperiments = 0,
  titlesNameRuns = false,
  busy,
  onConfirm,
  onClose,
}: {
  kind: RunActionKind | undefined;
  runs: (Pick<RunSummary, 'channelId' | 'title'> & Partial<Pick<RunSummary, 'retriedAs'>>)[];
  /** Chosen runs the action does not apply to (ended ones for cancel, live ones for retry). */
  leftAlone?: number;
  /** Runs an experiment has not started yet, which cancelling keeps from starting (not listed by name). */
  notStarted?: number;
  /** Of `runs`, those experiments sent (said where the runs are not on their experiment's page). */
  fromExperiments?: number;
  /** Each title tells its run from the others (an experiment's "input · variant"): no run id after it. */
  titlesNameRuns?: boolean;
  busy: boolean;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const count = runs.length + notStarted;
  const one = count === 1;
  const words = WORDS[kind ?? 'cancel'](one);
  const retriedAlready = kind === 'retry' ? runs.filter((run) => run.retriedAs).length : 0;
  return (
    <Dialog
      open={kind !== undefined}
      title={`${TITLES[kind ?? 'cancel']} ${one ? 'this run' : `${count.toLocaleString()} runs`}?`}
      onClose={onClose}
      footer={
        <>
          {/* Focused first: Enter pressed out of habit keeps the runs as they are. */}
          <Button onClick={onClose} data-autofocus>
            {words.keep}
          </Button>
          <Button variant={kind === 'cancel' ? 'danger' : 'primary'} onClick={onConfirm} busy={busy}>
            {busy ? 'Working…' : words.confirm}
          </Button>
        </>
      }
    >
      <p className="text-sm text-zinc-600 dark:text-zinc-400">{words.explain}</p>
      {kind && leftAlone > 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">{leftAloneText(kind, leftAlone)}</p>
      ) : null}
      {notStarted > 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">{notStartedText(notStarted)}</p>
      ) : null}
      {fromExperiments > 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="from-experiments">
          {fromExperimentsText(kind ?? 'cancel', fromExperiments, runs.length)}
        </p>
      ) : null}
      {retriedAlready > 0 ? (
        <p className={WARNING_NOTE_CLASSES}>{retriedAlreadyText(retriedAlready, runs.length)}</p>
      ) : null}
      {/* Long names wrap: an item that clipped its overflow (truncate) hid its bullet with it. */}
      <ul className="list-disc space-y-1 pl-5 text-sm">
        {runs.slice(0, SHOWN).map((run) => (
          <li key={run.channelId} className="break-words">
            {run.title || '(no user message)'}
            {titlesNameRuns ? null : (
              <>
                {' '}
                <span className="text-xs text-zinc-500">({runName(run.channelId)})</span>
              </>
            )}
          </li>
        ))}
        {runs.length > SHOWN ? <li>and {(runs.length - SHOWN).toLocaleString()} more</li> : null}
      </ul>
    </Dialog>
  );
}
