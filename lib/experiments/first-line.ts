// What a batch grid cell shows of an answer (and of an input): its first line, cut to fit. A first
// line that only introduces what follows ("From the datasets:") says nothing on its own, and every
// cell would read the same; it brings the next line with it.

const FIRST_LINE_LENGTH = 160;

export function firstLineOf(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const [first = '', ...rest] = text
    .trim()
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const next = rest[0];
  const line = first.endsWith(':') && next !== undefined ? `${first} ${next}` : first;
  return line.length > FIRST_LINE_LENGTH ? `${line.slice(0, FIRST_LINE_LENGTH - 1)}…` : line;
}
