import { describe, expect, it } from 'vitest';
import { followAfterScroll, movedToEnd, startFollowing } from './follow-rule';

const NEAR = 24;

describe('followAfterScroll', () => {
  it('keeps following when our own move to the end is overtaken by new rows', () => {
    const after = followAfterScroll(startFollowing, 1000, 1400, NEAR);
    expect(after.following).toBe(true);
  });

  it('stops when the reader scrolls up, and stays stopped while they read', () => {
    const atEnd = followAfterScroll(startFollowing, 1000, 1000, NEAR);
    const up = followAfterScroll(atEnd, 400, 1200, NEAR);
    expect(up.following).toBe(false);
    expect(followAfterScroll(up, 600, 2000, NEAR).following).toBe(false);
  });

  it('follows again when the reader scrolls down to the end, even if rows moved it on before the event', () => {
    const atEnd = followAfterScroll(startFollowing, 1000, 1000, NEAR);
    const up = followAfterScroll(atEnd, 400, 1200, NEAR);
    // The reader jumps to the end (then 3000); by the scroll event, the end is 3500.
    expect(followAfterScroll(up, 3000, 3500, NEAR).following).toBe(true);
    expect(followAfterScroll(up, 3500, 3500, NEAR).following).toBe(true);
  });

  it('a scroll down that stops short of where the end was does not follow', () => {
    const atEnd = followAfterScroll(startFollowing, 1000, 1000, NEAR);
    const up = followAfterScroll(atEnd, 400, 1200, NEAR);
    expect(followAfterScroll(up, 900, 3500, NEAR).following).toBe(false);
  });
});

describe('movedToEnd', () => {
  it('a reader scrolling up by less than our last move down still stops following', () => {
    const atEnd = followAfterScroll(startFollowing, 1000, 1000, NEAR);
    // We moved the view 900 px down to the new end; the reader scrolled 600 px up before the event.
    const moved = movedToEnd(atEnd, 1900);
    expect(followAfterScroll(moved, 1300, 2100, NEAR).following).toBe(false);
  });
});
