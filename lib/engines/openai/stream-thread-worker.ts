// The upstream reader thread's side of stream-thread.ts: streams each turn it is given (./stream's
// streamTurn) and sends what the turns produced back to the serving thread, one message per turn of this
// thread's event loop, so a thousand paced streams cost the serving thread one message per turn instead
// of a thousand sockets' reads, SSE decoding and JSON parsing.
import { parentPort } from 'node:worker_threads';
import type { ChannelEvent } from '../../events';
import { UpstreamConnectionError, UpstreamError, UpstreamStatusError } from '../upstream/errors';
import { streamTurn } from './stream';
import type { SentError, ThreadPart, ToThread } from './stream-thread';

interface RunningTurn {
  controller: AbortController;
  /** Set while the serving thread asks this turn to wait (its writer's buffer is full). */
  gate?: { promise: Promise<void>; open: () => void };
}

const port = parentPort;
if (!port) throw new Error('stream-thread-worker.ts runs as a worker thread only');

const running = new Map<number, RunningTurn>();
const outgoing = new Map<number, ThreadPart>();
let flushScheduled = false;

function flush(): void {
  flushScheduled = false;
  const parts = [...outgoing.values()];
  outgoing.clear();
  if (parts.length > 0) port!.postMessage(parts);
}

/** The part of this loop turn's message for `id`; the message goes once the turn's I/O is read. */
function partOf(id: number): ThreadPart {
  let part = outgoing.get(id);
  if (!part) {
    part = { id, events: [] };
    outgoing.set(id, part);
  }
  if (!flushScheduled) {
    flushScheduled = true;
    setImmediate(flush);
  }
  return part;
}

function sendableError(error: unknown): SentError {
  if (error instanceof UpstreamStatusError) {
    return { kind: 'status', message: error.message, status: error.status, retryAfter: error.retryAfter };
  }
  if (error instanceof UpstreamConnectionError) return { kind: 'connection', message: error.code, midStream: error.midStream };
  if (error instanceof UpstreamError) return { kind: 'upstream', message: error.message };
  return { kind: 'other', message: error instanceof Error ? error.message : String(error) };
}

async function start(id: number, message: Extract<ToThread, { kind: 'start' }>): Promise<void> {
  const turn: RunningTurn = { controller: new AbortController() };
  running.set(id, turn);
  try {
    const result = await streamTurn(message.endpoint, message.body, {
      signal: turn.controller.signal,
      emit: (event: ChannelEvent) => {
        partOf(id).events.push(event);
        return turn.gate?.promise;
      },
      onActivity: () => void partOf(id),
    });
    partOf(id).result = result;
  } catch (error) {
    if (!turn.controller.signal.aborted) partOf(id).error = sendableError(error);
  } finally {
    running.delete(id);
  }
}

port.on('message', (message: ToThread) => {
  const turn = running.get(message.id);
  switch (message.kind) {
    case 'start':
      void start(message.id, message);
      return;
    case 'abort':
      turn?.gate?.open();
      turn?.controller.abort();
      return;
    case 'pause':
      if (turn && !turn.gate) {
        let open!: () => void;
        const promise = new Promise<void>((resolve) => (open = resolve));
        turn.gate = { promise, open };
      }
      return;
    case 'resume':
      turn?.gate?.open();
      if (turn) turn.gate = undefined;
      return;
  }
});
