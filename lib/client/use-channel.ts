'use client';
// useChannel(channelId): subscribes to a channel and keeps its folded view up to date. It resumes
// after a dropped connection from the last seq it has seen (`after`), so text is never lost or
// repeated, backs off between reconnects and says so, and applies events once per animation frame
// so a fast run does not re-render the page for every token. A frame's work is proportional to the
// events it brings, never to the run so far (lib/client/channel-history).
import { useEffect, useRef, useState } from 'react';
import type { StoredEvent } from '../events';
import { applyChannelBatch, emptyChannelHistory } from './channel-history';
import type { ChannelView } from './channel-view';
import type { EventLog } from './event-log';
import { readJsonLines } from './jsonl-reader';

export type ChannelConnection =
  | { state: 'connecting' }
  | { state: 'live' }
  | { state: 'reconnecting'; attempt: number; retryAt: number }
  | { state: 'ended' }
  | { state: 'failed'; message: string };

export interface ChannelState {
  view: ChannelView;
  /** Every event received, in seq order (the raw timeline). */
  events: EventLog;
  connection: ChannelConnection;
}

const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 10_000;

export const retryDelayMs = (attempt: number) => Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** (attempt - 1));

interface SubscribeLine {
  id: string;
  /** When the event was stored (asked for with withTimes): the page shows the server's times. */
  at?: number;
  data: StoredEvent['event'];
}

class ChannelGoneError extends Error {}

/** Runs `flush` on the next animation frame (or soon, in a hidden tab where frames stop). */
function scheduleFrame(flush: () => void): () => void {
  if (typeof document !== 'undefined' && document.hidden) {
    const timer = setTimeout(flush, 200);
    return () => clearTimeout(timer);
  }
  const frame = requestAnimationFrame(flush);
  return () => cancelAnimationFrame(frame);
}

/** Where to subscribe: the channel's own endpoint, or a share link's (which needs no session). */
export const channelSubscribeUrl = (channelId: string) =>
  `/api/v1/channel/${encodeURIComponent(channelId)}/subscribe`;

const startingState = (): ChannelState => ({ ...emptyChannelHistory(), connection: { state: 'connecting' } });

export function useChannel(channelId: string, subscribeUrl = channelSubscribeUrl(channelId)): ChannelState {
  const [state, setState] = useState<ChannelState>(startingState);
  // Another channel (a comparison's column retried as a new run) starts from nothing: none of the
  // previous run's events, error or end may show as the new one's.
  const [shownUrl, setShownUrl] = useState(subscribeUrl);
  if (shownUrl !== subscribeUrl) {
    setShownUrl(subscribeUrl);
    setState(startingState());
  }
  const pending = useRef<StoredEvent[]>([]);

  useEffect(() => {
    pending.current = [];
    const controller = new AbortController();
    let lastSeq = 0;
    let cancelFrame: (() => void) | undefined;

    const flush = () => {
      cancelFrame = undefined;
      const batch = pending.current;
      pending.current = [];
      if (batch.length === 0) return;
      setState((previous) => ({ ...previous, ...applyChannelBatch(previous, batch) }));
    };
    const receive = (line: SubscribeLine) => {
      const seq = Number(line.id);
      if (!(seq > lastSeq)) return;
      lastSeq = seq;
      pending.current.push({ seq, at: line.at ?? Date.now(), event: line.data });
      cancelFrame ??= scheduleFrame(flush);
    };
    const setConnection = (connection: ChannelConnection) =>
      setState((previous) => ({ ...previous, connection }));

    async function subscribeOnce(): Promise<boolean> {
      const response = await fetch(subscribeUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ after: lastSeq, withTimes: true }),
        signal: controller.signal,
      });
      if (response.status === 404)
        throw new ChannelGoneError('There is no run with this address, or it was started by someone else.');
      if (response.status === 401 || response.status === 410) {
        const body = (await response.json().catch(() => ({}))) as { message?: string };
        throw new ChannelGoneError(body.message ?? 'This link no longer works.');
      }
      if (!response.ok || !response.body) throw new Error(`Subscribe answered ${response.status}`);
      setConnection({ state: 'live' });
      let ended = false;
      await readJsonLines<SubscribeLine>(response.body, (line) => {
        receive(line);
        if (line.data.type === 'completeEnd') ended = true;
      });
      return ended;
    }

    (async () => {
      let attempt = 0;
      while (!controller.signal.aborted) {
        const seqBefore = lastSeq;
        try {
          if (await subscribeOnce()) {
            setConnection({ state: 'ended' });
            return;
          }
        } catch (error) {
          if (controller.signal.aborted) return;
          if (error instanceof ChannelGoneError) {
            setConnection({ state: 'failed', message: error.message });
            return;
          }
        }
        // A connection that delivered something starts the back-off afresh.
        attempt = lastSeq > seqBefore ? 1 : attempt + 1;
        const delay = retryDelayMs(attempt);
        setConnection({ state: 'reconnecting', attempt, retryAt: Date.now() + delay });
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    })();

    return () => {
      controller.abort();
      cancelFrame?.();
    };
  }, [channelId, subscribeUrl]);

  return state;
}
