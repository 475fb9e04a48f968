// The function a run waits on for an answer, by the name people read (the one the waiting card shows),
// quoted as a title inside a sentence: "Waiting for an answer to “Request approval”".
import { humanLabel } from '../human-label';
import type { ChannelView } from './channel-view';

/** `“Request approval”` while the run waits on that function; undefined when it waits on none or the call is unnamed. */
export function waitingFunctionTitle(view: ChannelView): string | undefined {
  const waiting = view.items.findLast((item) => item.kind === 'wait' && !item.answered);
  const name = waiting?.kind === 'wait' ? waiting.call?.name : undefined;
  return name ? `“${humanLabel(name)}”` : undefined;
}
