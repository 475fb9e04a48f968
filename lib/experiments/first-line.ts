// What a batch grid cell shows of an input (its first line) and of an answer (its opening: its lines
// run together), cut to fit. A first line that only introduces what follows ("From the datasets:") or
// that every answer opens with (the demo engine's "Following the backstory: …") says nothing on its
// own, and every cell would read the same. An answer is Markdown, rendered on the run page and in the
// comparison; a cell shows its words, without the marks ("- ", "**", "`").

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

const cut = (line: string) =>
  line.length > FIRST_LINE_LENGTH ? `${line.slice(0, FIRST_LINE_LENGTH - 1)}…` : line;

const linesOf = (text: string, words: (line: string) => string) =>
  text
    .trim()
    .split('\n')
    .map(words)
    .filter((line) => line !== '');

export function firstLineOf(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const [first = '', next] = linesOf(text, (line) => line.trim());
  return cut(first.endsWith(':') && next !== undefined ? `${first} ${next}` : first);
}

/** An answer's opening: its lines' words run together, cut to fit a cell of a few lines. */
export function answerOpeningOf(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  return cut(linesOf(text, markdownWords).join(' '));
}
