// Writing a chunk source (a subscription's JSONL) to a node:http response: chunks as they come, waiting
// while the socket's buffer is full, in as few socket writes as the source allows.
import type http from 'node:http';
import type { ChunkSource } from '../channel/chunk-source';

/** Resolves when the socket can take more, or is gone. */
const writable = (response: http.ServerResponse) =>
  new Promise<void>((resolve) => {
    const done = () => {
      response.off('drain', done);
      response.off('close', done);
      resolve();
    };
    response.on('drain', done);
    response.on('close', done);
  });

/** Whether `promise` settles before the loop's next turn (a read that needs no I/O does). */
function settlesThisTurn(promise: Promise<unknown>): Promise<boolean> {
  return new Promise((resolve) => {
    const nextTurn = setImmediate(() => resolve(false));
    const settled = () => {
      clearImmediate(nextTurn);
      resolve(true);
    };
    promise.then(settled, settled);
  });
}

/**
 * Writes the chunks as they come, waiting while the socket's buffer is full, until the source ends. A
 * short run read whole goes out as one write (headers, its lines and the end of the answer) instead of
 * three: a fifth of the CPU of answering a subscription was in those extra socket writes.
 */
export async function writeChunks(source: ChunkSource, response: http.ServerResponse): Promise<void> {
  const stop = () => source.cancel();
  response.once('close', stop);
  try {
    const first = source.next();
    // The answer starts now when its first line is not at hand: a queued run's subscriber knows it is
    // connected (its page said "Connecting…" until the run started).
    if (!(await settlesThisTurn(first))) response.flushHeaders();
    for (let chunk = await first; chunk; chunk = await source.next()) {
      if (source.ended) {
        response.end(chunk);
        return;
      }
      if (!response.write(chunk)) await writable(response);
    }
    response.end();
  } finally {
    response.off('close', stop);
  }
}
