// A subscription's bytes pulled one chunk at a time, without a web stream in between: the lean wire
// server (lib/server/wire-server.ts) writes a source's chunks to the socket itself. With 1,000
// subscribers of one run, a web stream's promises, queue and reader per chunk per subscriber were most
// of the cost of fanning a batch out. Route handlers under Next get it as a ReadableStream.

export interface ChunkSource {
  /** The next bytes to send, or undefined once the subscription has ended (or was cancelled). */
  next(): Promise<Uint8Array | undefined>;
  /** The client went away: stop waiting and reading. */
  cancel(): void;
  /**
   * True once next() has given the last chunk (the next call would say the end), so a writer can send
   * that chunk and the end of the answer together. Sources that cannot tell leave it out.
   */
  readonly ended?: boolean;
}

/** A web stream of `source`'s chunks. It pulls only when read (high-water mark 0). */
export function streamOfChunkSource(source: ChunkSource): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const bytes = await source.next();
        if (bytes) controller.enqueue(bytes);
        else controller.close();
      },
      cancel() {
        source.cancel();
      },
    },
    { highWaterMark: 0 },
  );
}
