// A channel subscription as a pull-based JSONL stream: it reads the store only when the client has
// taken what was sent, so a slow reader never makes the server buffer without bound.
import { subscriptionsClosing } from '../ops/drain-state';
import type { ChannelBus, RunStore } from '../store/types';
import { isEnded } from '../run-status';
import { processMetrics } from '../metrics/registry';
import { sharedChunksOf, SLICE_BYTES, type ChannelChunk } from './shared-chunks';

/** Re-read the store at least this often even without a notification (a safety net, not the normal path). */
const IDLE_RECHECK_MS = 2_000;
/**
 * ...but all idle subscriptions of the process together recheck at most this many times a second, so
 * 10,000 connected, idle subscribers do not keep a core busy rechecking (each waits 10 s then).
 */
const MAX_RECHECKS_PER_SECOND = 1_000;
let openStreams = 0;

/** This subscription's recheck interval now, spread ±25% so subscribers that came together do not recheck together. */
const idleRecheckMs = () =>
  Math.max(IDLE_RECHECK_MS, (openStreams / MAX_RECHECKS_PER_SECOND) * 1000) * (0.75 + Math.random() / 2);

export interface SubscriptionStart {
  /** Replay every event with seq > after. */
  after?: number;
  /** Replay the last n events. */
  historyLength?: number;
  /** Our extension: each line also carries `at`, when the event was stored (the live view shows it). */
  withTimes?: boolean;
}

export async function startCursor(
  store: RunStore,
  channelId: string,
  start: SubscriptionStart,
): Promise<number> {
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
  withTimes = false,
): ReadableStream<Uint8Array> {
  const chunks = sharedChunksOf(deps.store);
  const stopped = new AbortController();
  // With 1,000 subscribers every wake is multiplied by 1,000, so a caught-up reader waits before it
  // reads again (instead of reading nothing first), and asks whether the run ended only on its first
  // empty read and after an idle recheck: a live run's end arrives as completeEnd, which closes the stream.
  let caughtUp = false;
  let checkRun = true;
  // Counted open until the stream closes or its reader goes away, whichever comes first.
  const open = processMetrics().openSubscriptions;
  open.inc();
  openStreams += 1;
  stopped.signal.addEventListener(
    'abort',
    () => {
      open.dec();
      openStreams -= 1;
    },
    { once: true },
  );
  const close = (controller: ReadableStreamDefaultController<Uint8Array>) => {
    controller.close();
    stopped.abort();
  };
  /** A large event being sent slice by slice, one slice per pull, so a slow client holds one slice. */
  let sending: { large: Uint8Array; offset: number; chunk: ChannelChunk } | undefined;

  const sendSlice = (controller: ReadableStreamDefaultController<Uint8Array>) => {
    if (!sending) return;
    const { large, offset, chunk } = sending;
    controller.enqueue(large.subarray(offset, offset + SLICE_BYTES));
    sending.offset += SLICE_BYTES;
    if (sending.offset < large.byteLength) return;
    sending = undefined;
    cursor = chunk.lastSeq;
    if (chunk.ended) close(controller);
    caughtUp = !chunk.full;
  };
  // A draining server ends its subscriptions once they have sent what is stored: the client resumes
  // elsewhere (or after the restart) with `after`, without a gap.
  const closing = subscriptionsClosing();
  const waitEnds = AbortSignal.any([stopped.signal, closing]);

  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (sending) return sendSlice(controller);
        for (;;) {
          if (caughtUp) {
            if (closing.aborted) return controller.close();
            const waitStarted = performance.now();
            const recheckMs = idleRecheckMs();
            await deps.bus.waitForAppend(channelId, cursor, waitEnds, recheckMs);
            if (stopped.signal.aborted) return;
            checkRun ||= performance.now() - waitStarted >= recheckMs;
          }
          const chunk = await chunks.read(channelId, cursor, withTimes);
          if (stopped.signal.aborted) return;
          if (chunk?.large) {
            sending = { large: chunk.large, offset: 0, chunk };
            return sendSlice(controller);
          }
          if (chunk?.bytes) {
            controller.enqueue(chunk.bytes);
            cursor = chunk.lastSeq;
            if (chunk.ended) close(controller);
            caughtUp = !chunk.full;
            return;
          }
          if (checkRun) {
            checkRun = false;
            const run = await deps.store.getRun(channelId);
            if (!run || (isEnded(run.status) && (await deps.store.lastSeq(channelId)) <= cursor)) {
              close(controller);
              return;
            }
          }
          caughtUp = true;
        }
      },
      cancel() {
        stopped.abort();
        sending = undefined;
      },
    },
    { highWaterMark: 1 },
  );
}
