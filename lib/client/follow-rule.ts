// Whether a view that shows new content at its end goes on following it, decided at each scroll event.
// Shared by the event log (its own scroller) and the live page (the window).

export interface FollowState {
  following: boolean;
  /** Scroll offset at the previous scroll event, or after our own last move to the end. */
  lastTop: number;
  /** Where the end was (content height − view height) then. */
  endAtLastScroll: number;
}

export const startFollowing: FollowState = { following: true, lastTop: 0, endAtLastScroll: 0 };

/**
 * Only the reader scrolling up stops following: the scroll event of our own move to the end can come
 * after more content has moved the end further. Scrolling down to within `nearPx` of the end starts it
 * again — of the end now, or of where it was at the previous scroll event: while a long run streams,
 * rows committed between the reader's move and its scroll event have moved the end on already.
 */
export function followAfterScroll(
  before: FollowState,
  top: number,
  end: number,
  nearPx: number,
): FollowState {
  const scrolledUp = top < before.lastTop;
  const scrolledDown = top > before.lastTop;
  const atEnd = top >= end - nearPx;
  const reachedEarlierEnd = scrolledDown && top >= before.endAtLastScroll - nearPx;
  let following = before.following;
  if (atEnd || reachedEarlierEnd) following = true;
  else if (scrolledUp) following = false;
  return { following, lastTop: top, endAtLastScroll: end };
}

/**
 * After our own move to the end. Its scroll event may come a frame later, together with a move of the
 * reader's: measured from here, a move up of fewer pixels than ours went down is still a move up.
 */
export function movedToEnd(before: FollowState, end: number): FollowState {
  return { following: before.following, lastTop: end, endAtLastScroll: end };
}
