import { describe, expect, it } from 'vitest';
import type { ChannelEvent, StoredEvent } from '../events';
import { EMPTY_CHANNEL_VIEW, countWordStarts, foldChannelEvents } from './channel-view';
import { runDurationMs } from './run-duration';
import { plainRunError, runStory, wordsPerSecond } from './run-story';

const at = (events: [number, ChannelEvent][]): StoredEvent[] =>
  events.map(([time, event], index) => ({ seq: index + 1, at: time, event }));
const token = (text: string): ChannelEvent => ({ type: 'token', data: { token: text } });

describe('the outcome and live figures in plain words', () => {
  it('counts words as tokens arrive, across token boundaries', () => {
    expect(countWordStarts('Hello', false)).toEqual({ starts: 1, inWord: true });
    expect(countWordStarts('lo wor', true)).toEqual({ starts: 1, inWord: true });
    expect(countWordStarts(' ', true)).toEqual({ starts: 0, inWord: false });
    // A table's pipes and rules, a list's dash: not words.
    expect(countWordStarts('| --- | --- |\n| Name | Ada |', false)).toEqual({ starts: 2, inWord: false });
    expect(countWordStarts('- (about', false)).toEqual({ starts: 1, inWord: true });
    expect(countWordStarts('"', false)).toEqual({ starts: 0, inWord: false });
    expect(countWordStarts('quoted"', false)).toEqual({ starts: 1, inWord: true });
    const view = foldChannelEvents(
      EMPTY_CHANNEL_VIEW,
      at([
        [0, token('Hel')],
        [1, token('lo wo')],
        [2, token('rld. ')],
        [3, token('Bye')],
      ]),
    );
    expect(view.wordCount).toBe(3);
  });

  it('ticks elapsed time and words per second while running, from the stored times', () => {
    const view = foldChannelEvents(
      EMPTY_CHANNEL_VIEW,
      at([
        [1_000, { type: 'completeBegin', data: {} }],
        [1_500, token('one ')],
        [2_000, token('two ')],
        [2_500, token('three')],
      ]),
    );
    expect(runStory(view, 'running', 3_500)).toEqual({
      tone: 'info',
      headline: 'Running · 2.5 s · 3 words · 1.5 words/s',
    });
    expect(wordsPerSecond(view, 4_500)).toBe(1);
    const starting = foldChannelEvents(
      EMPTY_CHANNEL_VIEW,
      at([[1_000, { type: 'completeBegin', data: {} }]]),
    );
    expect(runStory(starting, 'running', 1_400).headline).toBe(
      'Running · 400 ms · waiting for the first words',
    );
  });

  it('says how a run ended: completed with its duration and words, failed with what to do', () => {
    const completed = foldChannelEvents(
      EMPTY_CHANNEL_VIEW,
      at([
        [1_000, { type: 'completeBegin', data: {} }],
        [1_200, token('Hello there')],
        [4_200, { type: 'completeEnd', data: {} }],
      ]),
    );
    expect(runStory(completed, 'completed', 99_999).headline).toBe('Completed in 3.2 s · 2 words');
    // With the run's record, the duration is the one its Duration figure shows (from the dispatch).
    expect(runDurationMs({ createdAt: 900, durationMs: 3_350 }, completed, 99_999)).toBe(3_350);
    expect(
      runStory(completed, 'completed', 99_999, { run: { createdAt: 900, durationMs: 3_350 } }).headline,
    ).toBe('Completed in 3.4 s · 2 words');
    // Before the record says it ended: from the dispatch to the stored end.
    expect(runDurationMs({ createdAt: 900 }, completed, 99_999)).toBe(3_300);
    const failed = foldChannelEvents(
      EMPTY_CHANNEL_VIEW,
      at([
        [1_000, { type: 'completeBegin', data: {} }],
        [
          2_000,
          {
            type: 'error',
            data: { message: 'Timed out after 1500 ms waiting for a message on channel approvals' },
          },
        ],
        [2_000, { type: 'completeEnd', data: {} }],
      ]),
    );
    const story = runStory(failed, 'failed', 99_999);
    // The headline says it plainly; the exact message stays in the run's outcome.
    expect(story.headline).toBe('Failed after 1.0 s: no answer came in time');
    expect(story.advice).toMatch(/answer the function while it waits/);
    // Today's wording (lib/runs/channel-wait.ts) reads the same way.
    const now = foldChannelEvents(
      EMPTY_CHANNEL_VIEW,
      at([
        [1_000, { type: 'completeBegin', data: {} }],
        [
          2_000,
          {
            type: 'error',
            data: {
              message:
                'No answer came on channel approvals within 10 min, the longest a run waits here (CHANNEL_WAIT_TIMEOUT_MS)',
            },
          },
        ],
        [2_000, { type: 'completeEnd', data: {} }],
      ]),
    );
    expect(runStory(now, 'failed', 99_999).headline).toBe('Failed after 1.0 s: no answer came in time');
    expect(runStory(failed, 'waiting', 1_500, { waitingFor: 'lookupOrder' }).headline).toContain(
      'Waiting for an answer to lookupOrder',
    );
  });
});

describe('advice only names what the viewer can do', () => {
  const ended = (event: ChannelEvent) =>
    foldChannelEvents(
      EMPTY_CHANNEL_VIEW,
      at([
        [1_000, { type: 'completeBegin', data: {} }],
        [2_000, event],
        [2_000, { type: 'completeEnd', data: {} }],
      ]),
    );
  const audience = { canRetry: false, canAnswer: false };

  it('tells no one in a presentation or on a share link to press Retry, which is not there', () => {
    const failed = ended({
      type: 'error',
      data: { message: 'Timed out after 1500 ms waiting for a message on channel approvals' },
    });
    const cancelled = ended({ type: 'abort', data: { reason: 'cancelled' } });
    expect(runStory(failed, 'failed', 9_999, { viewer: audience }).advice).toBeUndefined();
    expect(runStory(cancelled, 'cancelled', 9_999, { viewer: audience }).advice).toBeUndefined();
    expect(runStory(cancelled, 'cancelled', 9_999).advice).toBe('Retry to run it again.');
  });

  it('asks only a viewer who has an answer box to answer below', () => {
    const waiting = foldChannelEvents(EMPTY_CHANNEL_VIEW, at([[1_000, { type: 'completeBegin', data: {} }]]));
    expect(
      runStory(waiting, 'waiting', 2_000, { waitingFor: 'approveRefund', viewer: audience }).advice,
    ).toBe('The run goes on once the person running it answers.');
    expect(
      runStory(waiting, 'waiting', 2_000, {
        waitingFor: 'approveRefund',
        viewer: { canRetry: false, canAnswer: true },
      }).advice,
    ).toBe('Answer below to let the run go on.');
  });

  it('counts down the time left to answer from when the wait began and the server’s limit', () => {
    const waiting = foldChannelEvents(
      EMPTY_CHANNEL_VIEW,
      at([
        [1_000, { type: 'completeBegin', data: {} }],
        [2_000, { type: 'waitForChannelMessageBegin', data: { channelId: 'approvals' } }],
      ]),
    );
    const owner = { canRetry: true, canAnswer: true };
    const story = (now: number, viewer = owner) =>
      runStory(waiting, 'waiting', now, { waitingFor: 'approveRefund', viewer, answerWaitLimitMs: 600_000 })
        .advice;
    expect(story(2_000)).toBe('Answer below within 10 min to let the run go on; after that it stops.');
    expect(story(2_000 + 54_500)).toBe(
      'Answer below within 9 min 6 s to let the run go on; after that it stops.',
    );
    expect(story(2_000 + 599_100)).toBe('Answer below within 1 s to let the run go on; after that it stops.');
    expect(story(2_000 + 700_000, audience)).toBe(
      'The run goes on once the person running it answers; it stops if no answer comes within 0 s.',
    );
  });
});

describe('a run’s error on its page', () => {
  it('is said in plain words when it is a well-known one, else as it came', () => {
    expect(
      plainRunError(
        'No answer came on channel approvals within 10 min, the longest a run waits here (CHANNEL_WAIT_TIMEOUT_MS)',
      ),
    ).toEqual({ text: 'No answer came in time.', known: true });
    expect(plainRunError('Something odd')).toEqual({ text: 'Something odd', known: false });
  });
});

describe('advice for a run the server cut off', () => {
  it('says the server stopped, for each way the stored error event words it, instead of pointing at the events', () => {
    for (const message of [
      'The server stopped while this run was in progress.',
      'The server was shutting down and stopped this run before it ended. Dispatch it again to rerun it.',
      'The worker running this run stopped before the run ended.',
    ]) {
      const story = failedRun(message);
      expect(story.headline).toBe('Failed after 1.0 s: the server stopped during the run');
      expect(story.advice).toBe('It is not re-run by itself: press Retry to run it from the start.');
    }
  });
});

/** The story of a run that failed with `message` a second after it began. */
const failedRun = (message: string) =>
  runStory(
    foldChannelEvents(
      EMPTY_CHANNEL_VIEW,
      at([
        [1_000, { type: 'completeBegin', data: {} }],
        [2_000, { type: 'error', data: { message } }],
        [2_000, { type: 'completeEnd', data: {} }],
      ]),
    ),
    'failed',
    9_999,
  );

describe('advice under a failed run’s headline', () => {
  const failed = failedRun;

  it('says what to do next, without saying again what went wrong (the headline just said it)', () => {
    const advice = (message: string) => failed(message).advice;
    expect(advice('No answer came on channel approvals within 10 min, the longest a run waits here')).toBe(
      'Retry the run and answer the function while it waits.',
    );
    expect(advice('The openai endpoint refused the API key (401).')).toBe(
      'Check the engine’s settings (its address and API key), then retry.',
    );
    expect(advice('The openai endpoint is rate limiting requests (429).')).toBe('Wait a minute, then retry.');
    expect(advice('The openai endpoint failed with 503.')).toBe(
      'Retry the run; if it keeps failing, try again later.',
    );
    expect(advice('The server stopped while this run was in progress.')).toBe(
      'It is not re-run by itself: press Retry to run it from the start.',
    );
    for (const message of [
      'No answer came on channel approvals within 10 min',
      'The openai endpoint refused the API key (401).',
      'The openai endpoint is rate limiting requests (429).',
      'The openai endpoint failed with 503.',
      'The server stopped while this run was in progress.',
    ]) {
      const story = failed(message);
      const told = story.headline.replace(/^Failed after [\d.]+ s: /, '');
      expect(story.advice?.toLowerCase()).not.toContain(told);
    }
  });
});

describe('advice for a model that failed', () => {
  const failedWith = (message: string) => failedRun(message).headline;

  it('names each way an engine words its failure in plain words', () => {
    expect(failedWith('The openai endpoint refused the API key (401).')).toBe(
      'Failed after 1.0 s: the model could not be reached',
    );
    expect(failedWith('Could not reach the openai endpoint (ECONNREFUSED).')).toBe(
      'Failed after 1.0 s: the model could not be reached',
    );
    expect(failedWith('ChatBotKit refused the API key (UNAUTHORIZED).')).toBe(
      'Failed after 1.0 s: the model could not be reached',
    );
    expect(failedWith('The openai endpoint is rate limiting requests (429), also after one retry.')).toBe(
      'Failed after 1.0 s: the model was busy',
    );
    expect(failedWith('The openai endpoint failed with 503.')).toBe(
      'Failed after 1.0 s: the model service had a problem',
    );
  });

  it('keeps a message that only happens to contain 401 as it is', () => {
    expect(failedWith('Order 401 was not found in the dataset.')).toBe(
      'Failed after 1.0 s: Order 401 was not found in the dataset.',
    );
  });
});
