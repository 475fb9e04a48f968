// Server-sent events as an upstream streams them, decoded straight from the socket's Buffers: lines end
// with LF, CRLF or CR (anywhere across chunks), `data:` lines are joined with "\n", a blank line ends an
// event, `:` lines are comments (keep-alives). Only the data is handed on: the Chat Completions stream
// uses neither `event:`, `id:` nor `retry:`. An event not ended by a blank line when the stream ends is
// dropped, as the SSE spec says.
//
// Why not the client library's decoder: it goes through web streams, an async iterator and a copy of
// every line, several promises per token; this costs one string and one call per event.

const LF = 0x0a;
const CR = 0x0d;
const COLON = 0x3a;
const SPACE = 0x20;
const DATA = Buffer.from('data');

export class SseDecoder {
  /** Bytes after the last line end, waiting for the rest of their line. */
  private partial: Buffer | undefined;
  /** The last chunk ended with CR: an LF starting the next one belongs to that line end. */
  private afterCr = false;
  /** The data lines of the event being read, joined; undefined while it has none. */
  private data: string | undefined;

  /** `onData` gets each event's data; a promise it returns is handed back by `push` (the last one). */
  constructor(private readonly onData: (data: string) => void | Promise<void>) {}

  /** Decodes one chunk; returns the last promise `onData` returned for the events it ended, if any. */
  push(chunk: Buffer): void | Promise<void> {
    let buffer = chunk;
    if (this.afterCr) {
      this.afterCr = false;
      if (buffer[0] === LF) buffer = buffer.subarray(1);
    }
    if (this.partial) {
      buffer = Buffer.concat([this.partial, buffer]);
      this.partial = undefined;
    }
    const length = buffer.length;
    let wait: void | Promise<void> = undefined;
    let start = 0;
    // Each search runs once past every line of the chunk, not once per line.
    let nextLf = buffer.indexOf(LF);
    let nextCr = buffer.indexOf(CR);
    for (;;) {
      if (nextLf !== -1 && nextLf < start) nextLf = buffer.indexOf(LF, start);
      if (nextCr !== -1 && nextCr < start) nextCr = buffer.indexOf(CR, start);
      const end = nextCr === -1 ? nextLf : nextLf === -1 ? nextCr : Math.min(nextLf, nextCr);
      if (end === -1) break;
      const waitHere = this.line(buffer, start, end);
      if (waitHere) wait = waitHere;
      start = end + 1;
      if (buffer[end] === CR) {
        if (start === length) this.afterCr = true;
        else if (buffer[start] === LF) start += 1;
      }
    }
    if (start < length) this.partial = buffer.subarray(start);
    return wait;
  }

  /** One line: `buffer` from `lineStart` up to `end`, its line end. */
  private line(buffer: Buffer, lineStart: number, end: number): void | Promise<void> {
    if (lineStart === end) return this.dispatch();
    if (buffer[lineStart] === COLON) return;
    if (end - lineStart < DATA.length || buffer.compare(DATA, 0, DATA.length, lineStart, lineStart + DATA.length) !== 0) return;
    let valueStart = lineStart + DATA.length;
    if (valueStart < end) {
      // Another field whose name starts with "data" (no colon right after it): not ours.
      if (buffer[valueStart] !== COLON) return;
      valueStart += 1;
      if (buffer[valueStart] === SPACE) valueStart += 1;
    }
    const value = buffer.toString('utf8', valueStart, end);
    this.data = this.data === undefined ? value : `${this.data}\n${value}`;
  }

  private dispatch(): void | Promise<void> {
    const data = this.data;
    if (data === undefined) return;
    this.data = undefined;
    return this.onData(data);
  }
}
