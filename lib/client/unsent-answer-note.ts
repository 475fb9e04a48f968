// Why an answer typed in a waiting card never reached the run: said once the run ended while it waited,
// so the person who typed it knows it was not sent (and the text stays on screen to copy).
import type { RunStatus } from '../run-status';
import type { ChannelView } from './channel-view';
import { ANSWER_WAIT_TIMEOUT } from './run-story';

/** The sentence under an unsent answer, or undefined while the run can still take it. */
export function unsentAnswerNote(view: Pick<ChannelView, 'error'>, status: RunStatus): string | undefined {
  if (status === 'cancelled') return 'Your answer was not sent: the run was cancelled before it was sent.';
  if (status === 'failed' && view.error && ANSWER_WAIT_TIMEOUT.test(view.error))
    return 'Your answer was not sent: the run stopped waiting (no answer came in time).';
  if (status === 'failed' || status === 'completed')
    return 'Your answer was not sent: the run ended before it was sent.';
  return undefined;
}
