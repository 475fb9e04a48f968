import { describe, expect, it } from 'vitest';
import { unsentAnswerNote } from './unsent-answer-note';

describe('unsentAnswerNote', () => {
  it('says nothing while the run can still take the answer', () => {
    expect(unsentAnswerNote({}, 'waiting')).toBeUndefined();
    expect(unsentAnswerNote({}, 'running')).toBeUndefined();
  });
  it('tells a cancelled run from one that stopped waiting, and from any other end', () => {
    expect(unsentAnswerNote({}, 'cancelled')).toBe(
      'Your answer was not sent: the run was cancelled before it was sent.',
    );
    expect(
      unsentAnswerNote(
        { error: 'No answer came on channel c1 within 10 s, the longest a run waits here' },
        'failed',
      ),
    ).toBe('Your answer was not sent: the run stopped waiting (no answer came in time).');
    expect(unsentAnswerNote({ error: 'The model could not be reached' }, 'failed')).toBe(
      'Your answer was not sent: the run ended before it was sent.',
    );
  });
});
