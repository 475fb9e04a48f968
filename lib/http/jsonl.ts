// Streams objects as JSONL (one JSON object per line, never a blank line).
export const JSONL_HEADERS = {
  'content-type': 'application/jsonl',
  'cache-control': 'no-cache, no-transform',
  'x-accel-buffering': 'no',
};

export function jsonlResponse(items: AsyncIterable<unknown>): Response {
  const encoder = new TextEncoder();
  const iterator = items[Symbol.asyncIterator]();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await iterator.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(`${JSON.stringify(next.value)}\n`));
    },
    async cancel() {
      await iterator.return?.(undefined);
    },
  });
  return new Response(body, { headers: JSONL_HEADERS });
}
