'use client';
// The live view's layout, shared by a run's own page, presentation mode and share links: the title and
// the outcome in plain words first, then the conversation (the page follows it), and the raw events
// folded away. `present` shows large type with no navigation, figures, actions or events.
import { useCallback, useEffect, useRef, type ReactNode, type RefObject } from 'react';
import { RunStatusBadge } from '@/components/runs/run-status-badge';
import { cn } from '@/components/ui/cn';
import { NothingToShow } from '@/components/ui/nothing-to-show';
import type { ChannelState } from '@/lib/client/use-channel';
import { runStory } from '@/lib/client/run-story';
import { unsentAnswerNote } from '@/lib/client/unsent-answer-note';
import { useNow } from '@/lib/client/use-now';
import { waitingFunctionTitle } from '@/lib/client/waiting-function';
import type { RunSummary } from '@/lib/runs/summary';
import type { SharedRequest } from '@/lib/share/share-schema';
import type { RunStatus } from '@/lib/run-status';
import { isEnded } from '@/lib/run-status';
import { ConnectionNotice } from './connection-notice';
import { EventsFold } from './events-fold';
import { JumpToLatest, useFollowLatest } from './follow-latest';
import { RunFigures } from './run-figures';
import { RunOutcome } from './run-outcome';
import { RunStoryLine } from './run-story-line';
import { Transcript } from './transcript';

interface RunStageProps {
  channel: ChannelState;
  status: RunStatus;
  run?: Omit<RunSummary, 'retryOf' | 'retriedAs'>;
  request?: SharedRequest;
  present?: boolean;
  /** The run's actions (cancel, retry, share…); none in presentation mode or on a share link. */
  actions?: ReactNode;
  /** Shown under the title, e.g. the channel id and engine (owner's page only). */
  subtitle?: ReactNode;
  /** A line across the header's whole width, below the title and status (what to do next). */
  headerNote?: ReactNode;
  answer?: (channel: string, message: unknown) => Promise<unknown>;
  /** Presented, the way out on a touch screen: it stays on screen in the story line. */
  exit?: ReactNode;
  /** More about the run for its owner, below the outcome (e.g. webhook deliveries). */
  details?: ReactNode;
  /** How long a run waits for an answer before it stops, for the time left to answer. */
  answerWaitLimitMs?: number;
}

export function RunStage({
  channel,
  status,
  run,
  request,
  present,
  actions,
  subtitle,
  headerNote,
  answer,
  exit,
  details,
  answerWaitLimitMs,
}: RunStageProps) {
  const { view, events, connection } = channel;
  const running = !isEnded(status);
  const now = useNow(500, running);
  const waitingFor = waitingFunctionTitle(view);
  // Presentation mode and share links show no actions, so the story does not point at them.
  const story = runStory(view, status, now, {
    waitingFor,
    viewer: { canRetry: !present, canAnswer: answer !== undefined },
    run,
    answerWaitLimitMs,
  });
  // Follow only once the server said the run is still going: the replay of an ended run comes in
  // over several frames, and that page opens at its top.
  // Once an answer is sent its card goes away: focus moves to the story line, which tells what happens next.
  const storyRef = useRef<HTMLDivElement>(null);
  const answerThenFocusStory = answer
    ? async (channel: string, message: unknown) => {
        const sent = await answer(channel, message);
        storyRef.current?.focus();
        return sent;
      }
    : undefined;
  const titleRef = useRef<HTMLHeadingElement>(null);
  useFocusTitleOnPresenting(present === true, titleRef);
  const showAnswerForm = useCallback(() => scrollAnswerFormIntoView(titleRef.current), []);
  const follow = useFollowLatest(
    view.lastSeq,
    running && !view.ended && run !== undefined,
    showAnswerForm,
    present ? 'presented' : 'page',
  );

  // Nothing to show: the run does not exist (or is not this secret's), or its link no longer works.
  if (connection.state === 'failed' && view.lastSeq === 0) {
    return <RunNotFound message={connection.message} present={present} />;
  }

  const storyLine = <RunStoryLine story={story} large={present} exit={exit} ref={storyRef} />;
  return (
    <div
      data-presentation={present ? '' : undefined}
      className={cn(present ? 'mx-auto max-w-6xl space-y-8' : 'space-y-5')}
    >
      <header className="space-y-3">
        <div className="flex flex-wrap items-start justify-between gap-3">
          {/* Presented on a phone, the title has the whole width (the status goes below it), so a question
              of a line or two is read whole rather than cut after three narrow lines. */}
          <div className={cn('min-w-0 flex-1', present && 'basis-full sm:basis-0')}>
            <h1
              ref={titleRef}
              // Focus is sent here on presenting (not a tab stop); a heading shows no ring.
              tabIndex={-1}
              className={cn(
                'break-words font-semibold outline-none',
                present
                  ? 'line-clamp-5 text-2xl leading-tight sm:line-clamp-3 sm:text-5xl'
                  : 'line-clamp-3 text-xl',
              )}
            >
              {run ? (
                run.title || 'Run'
              ) : (
                // Until the run's record arrives: a line where its title will be, so the page does not jump.
                <span className="inline-block h-[1em] w-2/3 animate-pulse rounded bg-zinc-200 align-middle dark:bg-zinc-800">
                  <span className="sr-only">Loading the run…</span>
                </span>
              )}
            </h1>
            {subtitle}
          </div>
          <RunStatusBadge status={status} large={present} />
        </div>
        {headerNote}
        {present ? null : storyLine}
        {present ? null : <RunFigures run={run} view={view} now={now} />}
        {actions}
        <ConnectionNotice connection={connection} />
      </header>
      {/* Presented, the story line stays at the top of the screen as the page follows the reply, so it is
          not in the header (a sticky box stays within its parent). */}
      {present ? storyLine : null}
      <Transcript
        request={request}
        items={view.items}
        running={running}
        waitingOn={view.waitingOn}
        large={present}
        unsentNote={unsentAnswerNote(view, status)}
        answer={answerThenFocusStory}
      />
      {present ? null : (
        <>
          <RunOutcome view={view} />
          {details}
          <EventsFold events={events} />
        </>
      )}
      <JumpToLatest {...follow} />
    </div>
  );
}

/**
 * A waiting run's answer form is followed to, not past it to the page's end: the page scrolls as little as
 * shows it, and never so far that the title leaves the screen (presented, the room reads both). False when
 * there is no form to show.
 */
function scrollAnswerFormIntoView(title: HTMLElement | null): boolean {
  const form = document.querySelector('[data-answer-form]');
  if (!form) return false;
  const belowScreen = form.getBoundingClientRect().bottom - window.innerHeight;
  const by = Math.min(belowScreen, title?.getBoundingClientRect().top ?? belowScreen);
  if (by > 0) window.scrollBy({ top: by });
  return true;
}

function RunNotFound({ message, present }: { message: string; present?: boolean }) {
  return (
    <NothingToShow
      message={message}
      large={present}
      back={present ? undefined : { href: '/runs', label: 'See all runs' }}
    />
  );
}

/**
 * Switched to the presentation (its Present link pressed, which goes away with the page's controls), focus
 * moves to the title: the next Tab reaches the way out, the first control after it. Left where the link was,
 * Tab went on from there, past the way out, to the answer box (where Esc types) or off the page.
 */
function useFocusTitleOnPresenting(present: boolean, title: RefObject<HTMLHeadingElement | null>) {
  const wasPresent = useRef(present);
  useEffect(() => {
    if (present && !wasPresent.current) title.current?.focus({ preventScroll: true });
    wasPresent.current = present;
  }, [present, title]);
}
