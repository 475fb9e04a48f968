// A channel subscription as a pull-based JSONL stream: it reads the store only when the client has
// taken what was sent, so a slow reader never makes the server buffer without bound.
import { isTerminalEvent, subscribeLine } from '../events';
import type { ChannelBus, RunStore } from '../store/types';
import { isEnded } from '../store/types';

const READ_BATCH = 2_000;
/** Re-read the store at least this often even without a notification (a safety net, not the normal path). */
const IDLE_RECHECK_MS = 2_000;

export interface SubscriptionStart {
  /** Replay every event with seq > after. */
  after?: number;
  /** Replay the last n events. */
  historyLength?: number;
}

export async function startCursor(store: RunStore, channelId: string, start: SubscriptionStart): Promise<number> {
  if (start.after !== undefined) return start.after;
  if (start.historyLength !== undefined) {
    return Math.max(0, (await store.lastSeq(channelId)) - start.historyLength);
  }
  return 0;
}

export function channelEventStream(
  channelId: string,
  cursor: number,
  deps: { store: RunStore; bus: ChannelBus },
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const stopped = new AbortController();

  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        for (;;) {
          const events = await deps.store.readEvents(channelId, cursor, READ_BATCH);
          if (stopped.signal.aborted) return;
          if (events.length > 0) {
            let chunk = '';
            let ended = false;
            for (const stored of events) {
              chunk += subscribeLine(stored);
              cursor = stored.seq;
              if (isTerminalEvent(stored.event)) {
                ended = true;
                break;
              }
            }
            controller.enqueue(encoder.encode(chunk));
            if (ended) controller.close();
            return;
          }
          const run = await deps.store.getRun(channelId);
          if (!run || (isEnded(run.status) && (await deps.store.lastSeq(channelId)) <= cursor)) {
            controller.close();
            return;
          }
          const wait = AbortSignal.any([stopped.signal, AbortSignal.timeout(IDLE_RECHECK_MS)]);
          await deps.bus.waitForAppend(channelId, cursor, wait);
          if (stopped.signal.aborted) return;
        }
      },
      cancel() {
        stopped.abort();
      },
    },
    { highWaterMark: 1 },
  );
}
