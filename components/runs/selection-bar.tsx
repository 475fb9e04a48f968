'use client';
// What can be done with the chosen runs, above the list: how many are chosen (and, when every run on the
// page is, that it is this page's runs only, with the offer to choose every run that matches the filters),
// cancel / retry them, clear the choice, and what the last action did. A phone has no table header, so its
// "select all" is a button here.
import { ActionOutcome, type ActionOutcomeState } from '@/components/ui/action-outcome';
import { Button } from '@/components/ui/button';
import type { RunActionKind } from '@/lib/client/run-actions';
import type { RunSummary } from '@/lib/runs/summary';
import { isEnded } from '@/lib/run-status';

export interface SelectionBarProps {
  /** The runs on the page, and those of them chosen. */
  pageRuns: RunSummary[];
  chosen: RunSummary[];
  /** Whether other pages hold runs too (the page's "select all" does not reach them). */
  morePages: boolean;
  /** When every run that matches the filters is chosen: how many, and whether more matched than were read. */
  matching?: { count: number; more: boolean };
  /** Whether any filter is set (without one, every run matches). */
  filtered: boolean;
  /** While every matching run is read, after "Select every run that matches": how many so far. */
  matchingRead?: number;
  onSelectMatching: () => void;
  /** What the last action did (components/ui/action-outcome), said at the top of the bar. */
  outcome: ActionOutcomeState;
  onSelectAll: (selected: boolean) => void;
  onAction: (kind: RunActionKind, runs: RunSummary[]) => void;
}

function countText(
  chosen: number,
  onPage: number,
  morePages: boolean,
  { matching, filtered }: Pick<SelectionBarProps, 'matching' | 'filtered'>,
): string {
  if (matching) {
    const runs = filtered ? 'runs that match' : 'runs';
    return matching.more
      ? `The newest ${matching.count.toLocaleString()} ${runs} are selected; older ones are not.`
      : `All ${matching.count.toLocaleString()} ${filtered ? 'runs that match the filters' : 'runs'} are selected.`;
  }
  if (chosen === 0) return 'Select runs to act on several at once.';
  if (chosen < onPage || onPage === 1) return `${chosen.toLocaleString()} selected`;
  return `All ${onPage} runs on this page are selected${morePages ? '; runs on other pages are not' : ''}.`;
}

export function SelectionBar({
  pageRuns,
  chosen,
  morePages,
  matching,
  filtered,
  matchingRead,
  onSelectMatching,
  outcome,
  onSelectAll,
  onAction,
}: SelectionBarProps) {
  const cancellable = chosen.filter((run) => !isEnded(run.status));
  const retryable = chosen.filter((run) => isEnded(run.status));
  const allChosen = matching !== undefined || (pageRuns.length > 0 && chosen.length === pageRuns.length);
  return (
    // With runs chosen, their actions stay on screen while the list scrolls (on a phone it is long).
    <div
      className={`flex min-h-9 flex-wrap items-center gap-2 ${
        chosen.length > 0
          ? 'sticky top-0 z-20 border-b border-zinc-200 bg-white py-2 dark:border-zinc-800 dark:bg-zinc-950'
          : ''
      }`}
      aria-label="Selected runs"
      role="group"
    >
      <span className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="selection-count">
        {countText(chosen.length, pageRuns.length, morePages, { matching, filtered })}
      </span>
      {allChosen && morePages && !matching ? (
        <Button size="sm" variant="ghost" disabled={matchingRead !== undefined} onClick={onSelectMatching}>
          {matchingRead !== undefined
            ? `Finding them…${matchingRead > 0 ? ` (${matchingRead.toLocaleString()} so far)` : ''}`
            : filtered
              ? 'Select every run that matches'
              : 'Select every run'}
        </Button>
      ) : null}
      {pageRuns.length > 1 && !allChosen ? (
        // The table's header checkbox does this from `md`; cards have no header.
        <Button size="sm" className="md:hidden" onClick={() => onSelectAll(true)}>
          Select all {pageRuns.length} on this page
        </Button>
      ) : null}
      {chosen.length > 0 ? (
        <>
          <Button
            size="sm"
            variant="dangerOutline"
            disabled={cancellable.length === 0}
            onClick={() => onAction('cancel', cancellable)}
          >
            Cancel selected ({cancellable.length.toLocaleString()})
          </Button>
          <Button size="sm" disabled={retryable.length === 0} onClick={() => onAction('retry', retryable)}>
            Retry selected ({retryable.length.toLocaleString()})
          </Button>
          <Button size="sm" variant="ghost" onClick={() => onSelectAll(false)}>
            Clear selection
          </Button>
        </>
      ) : null}
      {/* What the last action did: a notice across the top of the bar, where the action was asked for (no
          empty band above the list while there is none). */}
      <ActionOutcome {...outcome} className="order-first basis-full" />
    </div>
  );
}
