// The SSE decoder: an event's data comes out whole wherever the network cut the bytes, whatever the line
// ends, and only data does (comments, keep-alives and other fields are not events).
import { describe, expect, it } from 'vitest';
import { SseDecoder } from './sse-decoder';

/** Decodes `text` cut into the given chunks (byte offsets), returning every event's data. */
function decode(text: string | Buffer, cuts: number[] = []): string[] {
  const bytes = Buffer.isBuffer(text) ? text : Buffer.from(text);
  const events: string[] = [];
  const decoder = new SseDecoder((data) => {
    events.push(data);
  });
  let from = 0;
  for (const cut of [...cuts, bytes.length]) {
    decoder.push(bytes.subarray(from, cut));
    from = cut;
  }
  return events;
}

const STREAM =
  ': keep-alive\n\n' +
  'data: {"choices":[{"delta":{"content":"Hé"}}]}\n\n' +
  'event: message\nid: 7\nretry: 1000\ndata: {"n":2}\n\n' +
  'data: first line\ndata:second line\ndata:  two spaces\n\n' +
  'data: €uro — ünïcödé 🙂\n\n' +
  'data: [DONE]\n\n';
const EXPECTED = [
  '{"choices":[{"delta":{"content":"Hé"}}]}',
  '{"n":2}',
  'first line\nsecond line\n two spaces',
  '€uro — ünïcödé 🙂',
  '[DONE]',
];

describe('SseDecoder', () => {
  it('decodes whole events from one chunk', () => {
    expect(decode(STREAM)).toEqual(EXPECTED);
  });

  it('gives the same events however the bytes are cut, inside multi-byte characters too', () => {
    const bytes = Buffer.from(STREAM);
    for (let cut = 1; cut < bytes.length; cut += 1) expect(decode(bytes, [cut])).toEqual(EXPECTED);
    for (let first = 1; first < bytes.length; first += 7) {
      for (let second = first + 1; second < bytes.length; second += 5) expect(decode(bytes, [first, second])).toEqual(EXPECTED);
    }
    // One byte at a time.
    expect(decode(bytes, Array.from({ length: bytes.length - 1 }, (_, index) => index + 1))).toEqual(EXPECTED);
  });

  it('accepts CRLF and lone CR line ends, also when a CRLF is split between chunks', () => {
    for (const end of ['\r\n', '\r']) {
      const text = STREAM.replaceAll('\n', end);
      const bytes = Buffer.from(text);
      expect(decode(text)).toEqual(EXPECTED);
      for (let cut = 1; cut < bytes.length; cut += 1) expect(decode(bytes, [cut])).toEqual(EXPECTED);
    }
    expect(decode('data: a\r\n\r\ndata: b\n\r\n')).toEqual(['a', 'b']);
  });

  it('skips comments and fields that are not data, even between data lines', () => {
    expect(decode(':ping\n: another\n\ndata: x\n: note\ndata: y\ndatum: no\ndata\n\n')).toEqual(['x\ny\n']);
    expect(decode('event: ping\n\nid: 3\n\n\n\n')).toEqual([]);
  });

  it('hands on an empty data line as empty data, and drops an event the stream ends inside', () => {
    expect(decode('data:\n\ndata: ok\n\ndata: never ended\n')).toEqual(['', 'ok']);
  });

  it('hands back the last promise the consumer returned, so its reader can wait for it', async () => {
    let release!: () => void;
    const waited = new Promise<void>((resolve) => (release = resolve));
    const decoder = new SseDecoder((data) => (data === 'slow' ? waited : undefined));
    expect(decoder.push(Buffer.from('data: fast\n\n'))).toBeUndefined();
    const wait = decoder.push(Buffer.from('data: slow\n\ndata: fast\n\n'));
    expect(wait).toBe(waited);
    release();
    await wait;
  });
});
