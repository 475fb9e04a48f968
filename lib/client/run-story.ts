// What the top of the live view says, in plain words: the outcome once a run ended ("Completed in
// 3.2 s · 412 words", or what failed and what to do), and while it runs the figures that move (elapsed
// time, words, words per second). Pure: the page passes the clock in, tests pass a fixed one.
import type { RunStatus } from '../run-status';
import type { ChannelView } from './channel-view';
import { formatDuration, formatTimeLeft } from './format';
import { runDurationMs, type RunTimes } from './run-duration';

export interface RunStory {
  tone: 'neutral' | 'info' | 'warning' | 'success' | 'danger';
  headline: string;
  /** What to do next, when there is something to do. */
  advice?: string;
}

const plural = (count: number, word: string) =>
  `${count.toLocaleString('en')} ${word}${count === 1 ? '' : 's'}`;

/** Words per second since the first token; undefined until two moments apart exist. */
export function wordsPerSecond(view: ChannelView, now: number): number | undefined {
  const from = view.times.firstToken;
  if (from === undefined || view.wordCount === 0) return undefined;
  const until = view.times.end ?? now;
  const seconds = (until - from) / 1000;
  return seconds > 0.2 ? Math.round((view.wordCount / seconds) * 10) / 10 : undefined;
}

/** The error of a run that stopped waiting for an answer; also the older wording, kept by runs stored before it changed. */
export const ANSWER_WAIT_TIMEOUT = /no answer came on channel|timed out .*waiting for a message on channel/i;

/**
 * Errors people meet often, told in plain words (the exact message stays in the run's outcome below). The
 * headline says what went wrong (`plain`); the advice under it only says what to do, not the same again.
 */
const KNOWN_ERRORS: { pattern: RegExp; plain: string; advice: string }[] = [
  {
    pattern: ANSWER_WAIT_TIMEOUT,
    plain: 'no answer came in time',
    advice: 'Retry the run and answer the function while it waits.',
  },
  {
    // The engines' words (lib/engines/upstream/errors.ts, chatbotkit.ts, index.ts).
    pattern: /refused the API key|engine is not configured|could not reach the/i,
    plain: 'the model could not be reached',
    advice: 'Check the engine’s settings (its address and API key), then retry.',
  },
  {
    pattern: /is rate limiting requests/i,
    plain: 'the model was busy',
    advice: 'Wait a minute, then retry.',
  },
  {
    pattern: /endpoint failed with 5\d\d|stream ended before the completion finished/i,
    plain: 'the model service had a problem',
    advice: 'Retry the run; if it keeps failing, try again later.',
  },
  {
    // The stored error events say "The server stopped while…", "…was shutting down…", "The worker … stopped".
    pattern: /interrupted|restart|server stopped|shutting down|worker .*stopped/i,
    plain: 'the server stopped during the run',
    advice: 'It is not re-run by itself: press Retry to run it from the start.',
  },
];

const knownError = (message: string) => KNOWN_ERRORS.find((error) => error.pattern.test(message));

function explainError(message: string): { plain: string; advice: string } {
  const known = knownError(message);
  return known ?? { plain: message, advice: 'Retry the run; open “Show events” for the details.' };
}

/** What the person looking at the run can do there: presentation mode and share links have no Retry, and a share link may not let viewers answer. */
export interface StoryViewer {
  canRetry: boolean;
  canAnswer: boolean;
}

const OWNER: StoryViewer = { canRetry: true, canAnswer: true };

export interface StoryContext {
  /** The function the run waits on, when it waits. */
  waitingFor?: string;
  viewer?: StoryViewer;
  /** The run's record, for its duration (the one the figures show); without it, timed from the events. */
  run?: RunTimes;
  /** How long a run waits for an answer before it stops (the server's CHANNEL_WAIT_TIMEOUT_MS). */
  answerWaitLimitMs?: number;
}

/** What to do while the run waits, with the time left to answer when the wait's start and limit are known. */
function waitingAdvice(view: ChannelView, now: number, viewer: StoryViewer, limitMs: number | undefined): string {
  const begin = view.times.waitBegin;
  const left = begin !== undefined && limitMs !== undefined ? formatTimeLeft(begin + limitMs - now) : undefined;
  if (viewer.canAnswer) {
    return left ? `Answer below within ${left} to let the run go on; after that it stops.` : 'Answer below to let the run go on.';
  }
  return left
    ? `The run goes on once the person running it answers; it stops if no answer comes within ${left}.`
    : 'The run goes on once the person running it answers.';
}

/**
 * A run's error for the people looking at it: in plain words when it is one they meet often ("No answer
 * came in time."), else as it came; `known` says the exact message is worth keeping out of the way.
 */
export function plainRunError(message: string): { text: string; known: boolean } {
  const known = knownError(message);
  if (!known) return { text: message, known: false };
  return { text: `${known.plain[0]!.toUpperCase()}${known.plain.slice(1)}.`, known: true };
}

export function runStory(
  view: ChannelView,
  status: RunStatus,
  now: number,
  { waitingFor, viewer = OWNER, run, answerWaitLimitMs }: StoryContext = {},
): RunStory {
  const durationMs = runDurationMs(run, view, now);
  const duration = durationMs !== undefined ? formatDuration(durationMs) : undefined;
  const words = plural(view.wordCount, 'word');
  switch (status) {
    case 'completed':
      return { tone: 'success', headline: `Completed${duration ? ` in ${duration}` : ''} · ${words}` };
    case 'failed': {
      const error = explainError(view.error ?? 'the run stopped with an error');
      return {
        tone: 'danger',
        headline: `Failed${duration ? ` after ${duration}` : ''}: ${error.plain}`,
        ...(viewer.canRetry && { advice: error.advice }),
      };
    }
    case 'cancelled':
      return {
        tone: 'neutral',
        headline: `Cancelled${duration ? ` after ${duration}` : ''} · ${words}`,
        ...(viewer.canRetry && { advice: 'Retry to run it again.' }),
      };
    case 'queued':
      return { tone: 'neutral', headline: 'Queued — it starts as soon as a run slot is free (runs waiting for an answer may hold them)' };
    case 'waiting':
      return {
        tone: 'warning',
        headline: `Waiting for an answer${waitingFor ? ` to ${waitingFor}` : ''}${duration ? ` · ${duration}` : ''}`,
        advice: waitingAdvice(view, now, viewer, answerWaitLimitMs),
      };
    case 'running': {
      const parts = [`Running${duration ? ` · ${duration}` : ''}`];
      if (view.wordCount === 0) parts.push('waiting for the first words');
      else {
        parts.push(words);
        const rate = wordsPerSecond(view, now);
        if (rate !== undefined) parts.push(`${rate.toLocaleString('en')} words/s`);
      }
      return { tone: 'info', headline: parts.join(' · ') };
    }
  }
}
