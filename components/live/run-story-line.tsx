import type { ReactNode, Ref } from 'react';
import { cn } from '@/components/ui/cn';
import type { RunStory } from '@/lib/client/run-story';

const TONES: Record<RunStory['tone'], string> = {
  neutral: 'border-zinc-300 bg-zinc-50 text-zinc-900 dark:border-zinc-600 dark:bg-zinc-900 dark:text-zinc-50',
  info: 'border-sky-300 bg-sky-50 text-sky-950 dark:border-sky-700 dark:bg-sky-950 dark:text-sky-50',
  warning:
    'border-amber-400 bg-amber-50 text-amber-950 dark:border-amber-600 dark:bg-amber-950 dark:text-amber-50',
  success:
    'border-emerald-400 bg-emerald-50 text-emerald-950 dark:border-emerald-700 dark:bg-emerald-950 dark:text-emerald-50',
  danger: 'border-red-400 bg-red-50 text-red-950 dark:border-red-700 dark:bg-red-950 dark:text-red-50',
};

const FIGURE_SEPARATOR = ' · ';

/**
 * The headline's first words, then its figures ("13.7 s", "42 words"), each kept whole: on a phone a line
 * may break at a dot between figures, never inside one ("13.7" at a line's end, "s" on the next). The
 * text is the headline's.
 */
function HeadlineFigures({ headline }: { headline: string }) {
  const [lead, ...figures] = headline.split(FIGURE_SEPARATOR);
  return (
    <>
      {lead}
      {figures.map((figure, index) => (
        <span key={index}>
          {FIGURE_SEPARATOR}
          <span className="whitespace-nowrap" data-testid="headline-figure">
            {figure}
          </span>
        </span>
      ))}
    </>
  );
}

/**
 * The outcome (or, while running, the moving figures) in one plain sentence at the top of the page. Large
 * (presented, or a share link) it steps down a size on a phone, so the title stays the largest line, and
 * it stays at the top of the screen while the page follows a long reply: the audience sees the run end.
 * `exit` (presented on a touch screen, the way out) sits at its right, so it stays on screen with it.
 */
export function RunStoryLine({
  story,
  large,
  exit,
  ref,
}: {
  story: RunStory;
  large?: boolean;
  exit?: ReactNode;
  ref?: Ref<HTMLDivElement>;
}) {
  return (
    <div
      ref={ref}
      // Focus can be sent here (after an answer, whose card then goes away); not a tab stop.
      tabIndex={-1}
      data-testid="run-story"
      // break-words: a long function name in "Waiting for an answer to …" must not push a phone's page sideways.
      className={cn(
        'rounded-lg border px-4 py-2 break-words',
        TONES[story.tone],
        large ? 'sticky top-0 z-10 text-xl shadow-sm sm:text-3xl' : 'text-base',
      )}
    >
      {exit ? <div className="float-right ml-3">{exit}</div> : null}
      <p className="font-semibold tabular-nums">
        <HeadlineFigures headline={story.headline} />
      </p>
      {story.advice ? <p className={cn(large ? 'text-lg sm:text-2xl' : 'text-sm')}>{story.advice}</p> : null}
    </div>
  );
}
