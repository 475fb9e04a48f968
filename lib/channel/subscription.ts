// A channel subscription as a pull-based JSONL stream: it reads the store only when the client has
// taken what was sent, so a slow reader never makes the server buffer without bound.
import { subscriptionsClosing } from '../ops/drain-state';
import type { ChannelBus, RunStore } from '../store/types';
import { isEnded } from '../run-status';
import { processMetrics } from '../metrics/registry';
import { SharedChunks, SLICE_BYTES, type ChannelChunk } from './shared-chunks';

const READ_BATCH = 2_000;
/** Re-read the store at least this often even without a notification (a safety net, not the normal path). */
const IDLE_RECHECK_MS = 2_000;

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

const sharedChunksByStore = new WeakMap<RunStore, SharedChunks>();

function sharedChunksOf(store: RunStore): SharedChunks {
  let shared = sharedChunksByStore.get(store);
  if (!shared) {
    shared = new SharedChunks(store, READ_BATCH);
    sharedChunksByStore.set(store, shared);
  }
  return shared;
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
  stopped.signal.addEventListener('abort', () => open.dec(), { once: true });
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

  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (sending) return sendSlice(controller);
        for (;;) {
          if (caughtUp) {
            if (closing.aborted) return controller.close();
            const timedOut = await waitForAppendOrIdle(
              deps.bus,
              channelId,
              cursor,
              AbortSignal.any([stopped.signal, closing]),
            );
            if (stopped.signal.aborted) return;
            checkRun ||= timedOut;
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

/** Waits for an event after `cursor`; resolves true when IDLE_RECHECK_MS passed without one. */
async function waitForAppendOrIdle(
  bus: ChannelBus,
  channelId: string,
  cursor: number,
  stopped: AbortSignal,
): Promise<boolean> {
  const idle = new AbortController();
  const timer = setTimeout(() => idle.abort(), IDLE_RECHECK_MS);
  try {
    await bus.waitForAppend(channelId, cursor, AbortSignal.any([stopped, idle.signal]));
  } finally {
    clearTimeout(timer);
  }
  return idle.signal.aborted;
}
