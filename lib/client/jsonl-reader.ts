// Reads a JSONL response body line by line, calling `onLine` with each parsed object. A fast run's
// lines arrive faster than the page shows them, and reading chunks that are already buffered never
// leaves the task (each read resolves at once), so the reader yields to the browser after every
// SLICE_MS of parsing: frames, input and the view's updates get their turn in between.

const SLICE_MS = 8;

const yieldToBrowser = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export async function readJsonLines<T>(body: ReadableStream<Uint8Array>, onLine: (line: T) => void): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffered = '';
  let sliceStart = performance.now();
  const sliceUsed = () => performance.now() - sliceStart >= SLICE_MS;
  const nextSlice = async () => {
    await yieldToBrowser();
    sliceStart = performance.now();
  };
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffered += decoder.decode(value, { stream: true });
    let start = 0;
    for (let newline = buffered.indexOf('\n'); newline >= 0; newline = buffered.indexOf('\n', start)) {
      const line = buffered.slice(start, newline);
      start = newline + 1;
      if (line.trim()) onLine(JSON.parse(line) as T);
      if (sliceUsed()) await nextSlice();
    }
    buffered = buffered.slice(start);
    if (sliceUsed()) await nextSlice();
  }
  if (buffered.trim()) onLine(JSON.parse(buffered) as T);
}
