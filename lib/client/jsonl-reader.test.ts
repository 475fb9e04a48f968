import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readJsonLines } from './jsonl-reader';

function bodyOf(text: string, cuts: number[]): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  const ends = [...new Set(cuts.map((cut) => cut % (bytes.length + 1))), bytes.length].sort((a, b) => a - b);
  return new ReadableStream({
    start(controller) {
      ends.forEach((end, index) => controller.enqueue(bytes.slice(index === 0 ? 0 : ends[index - 1], end)));
      controller.close();
    },
  });
}

describe('reading a JSONL body', () => {
  it('gives every line once, in order, however the bytes are cut into chunks', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.jsonValue(), { maxLength: 30 }),
        fc.array(fc.nat(), { maxLength: 10 }),
        async (values, cuts) => {
          const lines: unknown[] = [];
          await readJsonLines(
            bodyOf(values.map((value) => `${JSON.stringify(value)}\n`).join(''), cuts),
            (line) => lines.push(line),
          );
          expect(lines).toEqual(JSON.parse(JSON.stringify(values)));
        },
      ),
    );
  });

  it('lets other tasks run while it reads a long burst of lines already received', async () => {
    const lines = Array.from(
      { length: 200_000 },
      (_, index) => `{"id":"${index + 1}","data":{"token":" token${index + 1}"}}\n`,
    );
    let read = 0;
    let readWhenATimerRan = -1;
    setTimeout(() => (readWhenATimerRan = read), 0);
    await readJsonLines(bodyOf(lines.join(''), []), () => (read += 1));
    expect(read).toBe(200_000);
    expect(readWhenATimerRan).toBeGreaterThanOrEqual(0);
    expect(readWhenATimerRan).toBeLessThan(200_000);
  });
});
