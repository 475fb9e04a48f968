// What a batch grid cell shows of an answer (and of an input): its first line, cut to fit. A first
// line that only introduces what follows ("From the datasets:") says nothing on its own, and every
// cell would read the same; it brings the next line with it. An answer is Markdown, rendered on the run
// page and in the comparison; a one-line cell shows its words, without the marks ("- ", "**", "`").

const FIRST_LINE_LENGTH = 160;

/** A Markdown line's words: no heading, quote or list mark, emphasis, code ticks or link address. */
function markdownWords(line: string): string {
  return line
    .replace(/^(?:#{1,6}\s+|>\s*|[-*+]\s+|\d+[.)]\s+)+/, '')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/(^|[^\w*])[*_](\S(?:.*?\S)?)[*_](?![\w*])/g, '$1$2')
    .replace(/`([^`]*)`/g, '$1')
    .trim();
}

export function firstLineOf(text: string | undefined, { markdown = false } = {}): string | undefined {
  if (text === undefined) return undefined;
  const [first = '', ...rest] = text
    .trim()
    .split('\n')
    .map((line) => (markdown ? markdownWords(line) : line.trim()))
    .filter((line) => line !== '');
  const next = rest[0];
  const line = first.endsWith(':') && next !== undefined ? `${first} ${next}` : first;
  return line.length > FIRST_LINE_LENGTH ? `${line.slice(0, FIRST_LINE_LENGTH - 1)}…` : line;
}
