'use client';
// One column of a comparison: the variant's run streaming live, then its figures and outcome. The
// answer is rendered as Markdown by the run page's own renderer, so both show a reply alike.
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useMemo } from 'react';
import { MarkdownReply } from '@/components/live/markdown-reply';
import { RunFigures } from '@/components/live/run-figures';
import { RunError } from '@/components/live/run-outcome';
import { RunStatusBadge } from '@/components/runs/run-status-badge';
import { Badge } from '@/components/ui/badge';
import { cn } from '@/components/ui/cn';
import { CHOICE_LABEL_CLASSES } from '@/components/ui/field';
import { TOUCH_LINK_CLASSES } from '@/components/ui/touch-target';
import type { ChannelView, TranscriptItem } from '@/lib/client/channel-view';
import type { CellSummary, ExperimentSource } from '@/lib/client/experiments-api';
import { answeredByLine, variantModelLine } from '@/lib/client/model-route';
import { appendReplyText, emptyReplyBlocks } from '@/lib/client/markdown-blocks';
import { useChannel } from '@/lib/client/use-channel';
import { useNow } from '@/lib/client/use-now';
import { waitingFunctionTitle } from '@/lib/client/waiting-function';
import type { ExperimentVariant } from '@/lib/experiments/schema';
import type { RunStatus } from '@/lib/run-status';

interface CompareColumnProps {
  index: number;
  variant: ExperimentVariant;
  /** The request every variant starts from, for what an empty model means. */
  conversation: { model?: string; botId?: string };
  cell?: CellSummary;
  source: ExperimentSource;
  isBest: boolean;
  /** Marks this answer the best; left out for a viewer who may not choose (a share link). */
  onMarkBest?: () => void;
}

/** The column's element id, for a link to it (the verdict's best answer). */
export const compareColumnId = (index: number) => `variant-${index}`;

export function CompareColumn({ index, variant, conversation, cell, source, isBest, onMarkBest }: CompareColumnProps) {
  const headingId = `variant-${index}-heading`;
  return (
    <section
      id={compareColumnId(index)}
      aria-labelledby={headingId}
      data-testid="compare-column"
      className={`flex min-w-0 flex-col gap-3 rounded-lg border p-3 ${isBest ? 'border-emerald-500 ring-1 ring-emerald-500' : 'border-zinc-200 dark:border-zinc-800'}`}
    >
      <header className="space-y-1">
        <div className="flex flex-wrap items-center gap-2">
          <h2 id={headingId} className="font-semibold">
            {variant.label}
          </h2>
          {isBest && !onMarkBest ? <Badge tone="success">Best answer</Badge> : null}
        </div>
        <p data-testid="variant-model" className="text-xs break-words text-zinc-500 dark:text-zinc-400">
          {variantModelLine(variant.model, conversation)}
          <AnsweredBy asked={variant.model || undefined} channelId={cell?.channelId} source={source} />
          {variant.backstory ? ` · backstory “${variant.backstory.slice(0, 80)}”` : ''}
        </p>
      </header>
      {cell?.channelId ? (
        <ColumnRun channelId={cell.channelId} source={source} />
      ) : (
        <p className="text-sm text-zinc-500">Waiting to start…</p>
      )}
      {onMarkBest && hasAnswer(cell) ? (
        <label className={cn(CHOICE_LABEL_CLASSES, 'mt-auto')}>
          <input type="radio" name="best-variant" checked={isBest} onChange={onMarkBest} />
          Best answer: {variant.label}
        </label>
      ) : null}
    </section>
  );
}

/** A column that ended without a word of answer offers nothing to choose as the best answer. */
const hasAnswer = (cell?: CellSummary) =>
  !(cell && (cell.status === 'failed' || cell.status === 'cancelled') && !cell.firstLine?.trim());

/** What an empty answer panel says once its run ended without answering. */
const NO_ANSWER: Partial<Record<RunStatus, string>> = {
  cancelled: 'Cancelled before it answered',
  failed: 'Failed before it answered',
};

/**
 * Who answered, once the run tells it: the asked model may not be the one that answered (a bare name goes
 * to the built-in demo engine). Reads the run the column below polls, from the same cache entry.
 */
function AnsweredBy({ asked, channelId, source }: { asked?: string; channelId?: string; source: ExperimentSource }) {
  const run = useQuery({
    queryKey: source.runKey(channelId ?? ''),
    queryFn: () => source.runSummary(channelId ?? ''),
    enabled: channelId !== undefined,
  });
  const line = run.data ? answeredByLine(asked, run.data.run) : undefined;
  return line ? ` → ${line}` : null;
}

function ColumnRun({ channelId, source }: { channelId: string; source: ExperimentSource }) {
  const { view, connection } = useChannel(channelId, source.subscribeUrl(channelId));
  const ended = connection.state === 'ended';
  const run = useQuery({
    queryKey: source.runKey(channelId),
    queryFn: () => source.runSummary(channelId),
    refetchInterval: (query) => (ended && query.state.data?.run.endedAt ? false : 1_000),
  });
  const summary = run.data?.run;
  const runHref = source.runHref(channelId);
  const waiting = view.waitingOn !== undefined && !view.ended;
  const waitingFor = waitingFunctionTitle(view);
  const now = useNow(500, !ended);
  return (
    <>
      <div className="flex flex-wrap items-center gap-2">
        {summary ? <RunStatusBadge status={summary.status} /> : null}
        {runHref ? (
          <Link className={cn('text-xs underline', TOUCH_LINK_CLASSES)} prefetch={false} href={runHref}>
            Open the run
          </Link>
        ) : null}
      </div>
      {waiting ? (
        <p data-testid="compare-waiting" className="text-sm break-words text-amber-800 dark:text-amber-200">
          {waitingFor ? `Waiting for an answer to ${waitingFor}` : 'Waiting for an answer'}
          {runHref ? ' — open the run to answer' : ''}
        </p>
      ) : null}
      <div
        data-testid="compare-reply"
        aria-live="off"
        className="min-h-24 min-w-0 rounded-md bg-zinc-50 p-2 text-sm dark:bg-zinc-900"
      >
        <ComparedReply view={view} ended={ended} status={summary?.status} />
      </div>
      {/* In plain words, as on the run's page and in the runs list; the exact message folded away. */}
      {view.error ? (
        <div className="text-sm">
          <RunError message={view.error} />
        </div>
      ) : null}
      {/* The run page's own figures: the same values, and the same note on time waited for an answer. */}
      {/* What a text piece is, the comparison says once under its columns. */}
      <RunFigures run={summary} view={view} now={now} explainTextPieces={false} />
    </>
  );
}

type ReplyItem = Extract<TranscriptItem, { kind: 'reply' }>;

/**
 * The run's answer as the run page shows it: each streamed reply as Markdown, growing block by block.
 * A run whose answer came whole, without streamed tokens, shows its result's text the same way.
 */
function ComparedReply({ view, ended, status }: { view: ChannelView; ended: boolean; status?: RunStatus }) {
  const replies = view.items.filter((item): item is ReplyItem => item.kind === 'reply' && item.characters > 0);
  const wholeText = replies.length === 0 ? (view.result?.text ?? '') : '';
  const wholeBlocks = useMemo(() => appendReplyText(emptyReplyBlocks(), wholeText), [wholeText]);
  if (replies.length > 0)
    return (
      <div className="space-y-2">
        {replies.map((reply) => (
          <MarkdownReply key={reply.seq} blocks={reply.blocks} />
        ))}
      </div>
    );
  if (wholeText.trim()) return <MarkdownReply blocks={wholeBlocks} />;
  if (!ended) return '…';
  const noAnswer = status && NO_ANSWER[status];
  return noAnswer ? <p className="text-zinc-600 dark:text-zinc-400">{noAnswer}</p> : null;
}
