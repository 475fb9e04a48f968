// What is wrong with JSON a person typed, in plain words: the parser's own message ("Unexpected token
// 'o', "not json" is not valid JSON", "at position 14") says the same thing twice in its terms.

function lineAndColumn(text: string, position: number): string {
  const before = text.slice(0, position).split('\n');
  return `line ${before.length}, column ${(before.at(-1)?.length ?? 0) + 1}`;
}

/** "This is not valid JSON (near line 2, column 5)", or without a place when the parser gave none. */
export function notValidJson(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : '';
  const position = /at position (\d+)/.exec(message);
  if (position) return `This is not valid JSON (near ${lineAndColumn(text, Number(position[1]))})`;
  if (/end of JSON input|Unterminated/i.test(message)) {
    return 'This is not valid JSON (it stops too early: a closing quote, } or ] may be missing)';
  }
  const token = /Unexpected token '(.+?)'/.exec(message);
  return token ? `This is not valid JSON (unexpected “${token[1]}”)` : 'This is not valid JSON';
}
