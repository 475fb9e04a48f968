// A subscription's bytes pulled one chunk at a time, without a web stream in between. Route handlers
// must answer with a Response, so a subscription is also a ReadableStream; the lean wire server
// (lib/server/wire-server.ts) takes the source behind that stream instead and writes its chunks to the
// socket itself: with 1,000 subscribers of one run, the web stream's promises, queue and reader per
// chunk per subscriber were most of the cost of fanning a batch out.
// Kept on globalThis: under `npm start` the wire server and Next's bundle are two copies of lib.

export interface ChunkSource {
  /** The next bytes to send, or undefined once the subscription has ended (or was cancelled). */
  next(): Promise<Uint8Array | undefined>;
  /** The client went away: stop waiting and reading. */
  cancel(): void;
}

const SOURCES_KEY = Symbol.for('dispatch-studio.chunk-sources');
type GlobalWithSources = typeof globalThis & {
  [SOURCES_KEY]?: WeakMap<ReadableStream<Uint8Array>, ChunkSource>;
};
const sourcesByStream = ((globalThis as GlobalWithSources)[SOURCES_KEY] ??= new WeakMap());

/**
 * A web stream of `source`'s chunks that a direct writer can also take the source from. It pulls only
 * when read (high-water mark 0), so a stream whose source was taken has read nothing.
 */
export function streamOfChunkSource(source: ChunkSource): ReadableStream<Uint8Array> {
  const stream = new ReadableStream<Uint8Array>(
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
  sourcesByStream.set(stream, source);
  return stream;
}

/** The source behind a stream made by streamOfChunkSource, once: the stream must not be read after. */
export function takeChunkSource(stream: ReadableStream<Uint8Array>): ChunkSource | undefined {
  const source = sourcesByStream.get(stream);
  sourcesByStream.delete(stream);
  return source;
}
