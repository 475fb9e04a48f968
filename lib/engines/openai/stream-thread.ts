// Streamed turns read on a thread of their own. With a thousand runs paced by a model, reading the
// upstream's answers (node's HTTP client on a thousand sockets, the SSE decoding, a JSON.parse per chunk)
// was the largest part of the serving thread's time, and it ran in the same poll phase as the pages and
// API requests it delayed. One upstream reader thread (./stream-thread-worker.ts, the same ./stream code)
// now does it; the serving thread gets one message per turn of that thread's loop, with every turn's new
// events, and hands them to each run's writer. The writer's backpressure reaches the thread as pause and
// resume; a cancel or the idle timeout aborts the turn here at once and there too.
import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ChatCompletionCreateParamsStreaming } from 'openai/resources/chat/completions';
import type { ChannelEvent } from '../../events';
import { UpstreamConnectionError, UpstreamError, UpstreamStatusError } from '../upstream/errors';
import type { ChatEndpoint, StreamedTurn } from './stream';

/** Serving thread → reader thread. */
export type ToThread =
  | { kind: 'start'; id: number; endpoint: ChatEndpoint; body: ChatCompletionCreateParamsStreaming }
  | { kind: 'abort' | 'pause' | 'resume'; id: number };

/** An upstream failure as it crosses the thread (errors lose their class on the way). */
export type SentError =
  | { kind: 'status'; message: string; status: number | undefined; retryAfter: string | undefined }
  | { kind: 'connection'; message: string; midStream: boolean }
  | { kind: 'upstream' | 'other'; message: string };

/** Reader thread → serving thread: one turn's news since the last message (an empty part is activity). */
export interface ThreadPart {
  id: number;
  events: ChannelEvent[];
  result?: StreamedTurn;
  error?: SentError;
}

interface Options {
  emit(event: ChannelEvent): void | Promise<void>;
  signal: AbortSignal;
  onActivity(): void;
}

interface PendingTurn extends Options {
  resolve(turn: StreamedTurn): void;
  reject(error: unknown): void;
  /** The writer's last promise, while the thread is paused for it. */
  wait?: Promise<void>;
  /** Parts that arrived while `wait` was pending, in order. */
  held: ThreadPart[];
  /** Removes the turn's abort listener from its signal. */
  unlisten(): void;
  /**
   * The error a sent one stands for, made with the classes of the module copy that asked for the turn:
   * under `npm start` the wire API and Next's bundle each have their own copy, sharing one thread.
   */
  errorOf(error: SentError): Error;
}

/** The thread compiles its TypeScript as `npm start` and `npm run worker` do (tsx), whichever copy started it. */
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
require(workerData.tsx).register();
require(workerData.entry);
`;

const THREAD = Symbol.for('dispatch.upstreamReaderThread');

interface ReaderThread {
  worker: Worker;
  pending: Map<number, PendingTurn>;
  nextId: number;
}

function receivedError(error: SentError): Error {
  switch (error.kind) {
    case 'status':
      return new UpstreamStatusError(error.status, error.message, error.retryAfter);
    case 'connection':
      return new UpstreamConnectionError(error.message, error.midStream);
    case 'upstream':
      return new UpstreamError(error.message);
    default:
      return new Error(error.message);
  }
}

function startThread(): ReaderThread {
  const fromRoot = createRequire(path.join(process.cwd(), 'package.json'));
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      tsx: fromRoot.resolve('tsx/cjs/api'),
      entry: path.join(process.cwd(), 'lib/engines/openai/stream-thread-worker.ts'),
    },
  });
  const thread: ReaderThread = { worker, pending: new Map(), nextId: 0 };
  worker.unref();
  worker.on('message', (parts: ThreadPart[]) => {
    for (const part of parts) receive(thread, part);
  });
  const stopped = (error: Error) => {
    const holder = globalThis as { [THREAD]?: ReaderThread };
    if (holder[THREAD] === thread) holder[THREAD] = undefined;
    const lost: SentError = { kind: 'connection', message: `the upstream reader thread stopped: ${error.message}`, midStream: true };
    for (const turn of thread.pending.values()) {
      turn.unlisten();
      turn.reject(turn.errorOf(lost));
    }
    thread.pending.clear();
  };
  worker.on('error', stopped);
  worker.on('exit', (code) => stopped(new Error(`exit code ${code}`)));
  return thread;
}

/** One thread per process (both module copies under `npm start` share it). */
function readerThread(): ReaderThread {
  const holder = globalThis as { [THREAD]?: ReaderThread };
  return (holder[THREAD] ??= startThread());
}

function receive(thread: ReaderThread, part: ThreadPart): void {
  const turn = thread.pending.get(part.id);
  if (!turn) return; // aborted here already
  turn.onActivity();
  // While the writer has the turn wait, what the thread read meanwhile waits here with it.
  if (turn.wait) turn.held.push(part);
  else deliver(thread, turn, part);
}

function deliver(thread: ReaderThread, turn: PendingTurn, part: ThreadPart): void {
  let wait: void | Promise<void> = undefined;
  try {
    for (const event of part.events) wait = turn.emit(event) ?? wait;
  } catch (error) {
    return abandon(thread, part.id, error);
  }
  if (wait) holdFor(thread, part.id, turn, wait);
  if (part.error) settle(thread, part.id, () => turn.reject(turn.errorOf(part.error!)));
  else if (part.result) {
    const result = part.result;
    settle(thread, part.id, () => void Promise.resolve(turn.wait).then(() => turn.resolve(result), turn.reject));
  }
}

/** The writer asked to be waited for: the thread stops reading this turn until it may go on. */
function holdFor(thread: ReaderThread, id: number, turn: PendingTurn, wait: Promise<void>): void {
  thread.worker.postMessage({ kind: 'pause', id } satisfies ToThread);
  turn.wait = wait;
  wait.then(
    () => {
      turn.wait = undefined;
      while (!turn.wait && turn.held.length > 0) deliver(thread, turn, turn.held.shift()!);
      if (!turn.wait && thread.pending.has(id)) thread.worker.postMessage({ kind: 'resume', id } satisfies ToThread);
    },
    (error: unknown) => abandon(thread, id, error),
  );
}

function settle(thread: ReaderThread, id: number, done: () => void): void {
  const turn = thread.pending.get(id);
  if (!turn) return;
  thread.pending.delete(id);
  // An idle thread must not keep the process alive.
  if (thread.pending.size === 0) thread.worker.unref();
  turn.unlisten();
  done();
}

/** Stops the turn on the thread and rejects it here with `error`. */
function abandon(thread: ReaderThread, id: number, error: unknown): void {
  const turn = thread.pending.get(id);
  if (!turn) return;
  thread.worker.postMessage({ kind: 'abort', id } satisfies ToThread);
  settle(thread, id, () => turn.reject(error));
}

const abortReason = (signal: AbortSignal): unknown =>
  signal.reason ?? new DOMException('This operation was aborted', 'AbortError');

/** ./stream's streamTurn, read on the upstream reader thread; same arguments, same errors. */
export function streamTurnOnThread(
  endpoint: ChatEndpoint,
  body: ChatCompletionCreateParamsStreaming,
  options: Options,
): Promise<StreamedTurn> {
  return new Promise((resolve, reject) => {
    if (options.signal.aborted) return reject(abortReason(options.signal));
    const thread = readerThread();
    const id = (thread.nextId += 1);
    const onAbort = () => abandon(thread, id, abortReason(options.signal));
    const unlisten = () => options.signal.removeEventListener('abort', onAbort);
    const turn: PendingTurn = { ...options, resolve, reject, unlisten, held: [], errorOf: receivedError };
    options.signal.addEventListener('abort', onAbort, { once: true });
    thread.pending.set(id, turn);
    thread.worker.ref();
    thread.worker.postMessage({ kind: 'start', id, endpoint, body } satisfies ToThread);
  });
}
