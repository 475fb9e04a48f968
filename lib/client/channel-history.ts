// Everything the page keeps of a channel: its folded view and the raw events (for the events list).
// Each batch of events (one animation frame's worth) updates both in O(batch): the events go into an
// append-only log and the view folds only the new events, so a frame's work does not grow with the run.
import type { StoredEvent } from '../events';
import { EMPTY_CHANNEL_VIEW, foldChannelEvents, type ChannelView } from './channel-view';
import { appendEvents, emptyEventLog, type EventLog } from './event-log';

export interface ChannelHistory {
  view: ChannelView;
  /** Every event received, in seq order (the raw timeline). */
  events: EventLog;
}

export const emptyChannelHistory = (): ChannelHistory => ({
  view: EMPTY_CHANNEL_VIEW,
  events: emptyEventLog(),
});

/** Adds a batch; events at or before the last seq seen are ignored, so a replay never duplicates. */
export function applyChannelBatch(history: ChannelHistory, batch: readonly StoredEvent[]): ChannelHistory {
  const fresh = batch.filter((stored) => stored.seq > history.view.lastSeq);
  if (fresh.length === 0) return history;
  return { view: foldChannelEvents(history.view, fresh), events: appendEvents(history.events, fresh) };
}
