// The status the live view shows: the stream knows first (it sees events as they are stored), the
// run record fills in what the stream cannot say yet (queued, or a run that has not started).
import type { RunStatus } from '../run-status';
import type { ChannelView } from './channel-view';

export function liveStatusOf(view: ChannelView, recordStatus: RunStatus | undefined): RunStatus {
  if (view.ended) {
    if (view.abortReason) return 'cancelled';
    if (view.error) return 'failed';
    return 'completed';
  }
  if (view.waitingOn) return 'waiting';
  if (recordStatus && recordStatus !== 'queued') return recordStatus;
  return view.lastSeq > 0 ? 'running' : (recordStatus ?? 'queued');
}
