// What is wrong with JSON a person typed, in plain words: the parser's own message ("Unexpected token
// 'o', "not json" is not valid JSON", "at position 14") says the same thing twice in its terms, and
// often gives no place at all. So the place is found here, by reading the text as JSON until it fails,
// and every caller (the form's JSON fields, Import, a waiting function's answer, an API request's body)
// says it the same way. Shared by the browser and the server.

function lineAndColumn(text: string, position: number): string {
  let line = 1;
  let lineStart = 0;
  for (let at = text.indexOf('\n'); at !== -1 && at < position; at = text.indexOf('\n', at + 1)) {
    line += 1;
    lineStart = at + 1;
  }
  return `line ${line}, column ${position - lineStart + 1}`;
}

const STOPS_EARLY = '(it stops too early: a closing quote, } or ] may be missing)';

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** Where reading `text` as JSON first fails (text.length when it stops too early), or undefined when it is valid. */
export function jsonErrorOffset(text: string): number | undefined {
  let at = 0;
  const failed = Symbol('failed');
  function fail(): never {
    throw failed;
  }
  const skipWhitespace = () => {
    while (WHITESPACE.has(text[at])) at += 1;
  };
  const expect = (character: string) => {
    skipWhitespace();
    if (text[at] !== character) fail();
    at += 1;
  };
  const readString = () => {
    at += 1;
    while (at < text.length) {
      const character = text[at];
      if (character === '"') return void (at += 1);
      if (character < ' ') fail();
      if (character === '\\') {
        const escaped = text[at + 1];
        if (escaped !== undefined && '"\\/bfnrt'.includes(escaped)) at += 2;
        else if (escaped === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(at + 2, at + 6))) at += 6;
        else {
          at += 1;
          fail();
        }
      } else at += 1;
    }
    fail();
  };
  const readValue = (): void => {
    skipWhitespace();
    const character = text[at];
    if (character === '{') {
      at += 1;
      skipWhitespace();
      if (text[at] === '}') return void (at += 1);
      for (;;) {
        skipWhitespace();
        if (text[at] !== '"') fail();
        readString();
        expect(':');
        readValue();
        skipWhitespace();
        if (text[at] === '}') return void (at += 1);
        expect(',');
      }
    }
    if (character === '[') {
      at += 1;
      skipWhitespace();
      if (text[at] === ']') return void (at += 1);
      for (;;) {
        readValue();
        skipWhitespace();
        if (text[at] === ']') return void (at += 1);
        expect(',');
      }
    }
    if (character === '"') return readString();
    // A word is read as far as it matches: in "this" the "h" is what went wrong, as a parser says.
    const word = ['true', 'false', 'null'].find((candidate) => candidate[0] === character);
    if (word) {
      let matched = 0;
      while (matched < word.length && text[at + matched] === word[matched]) matched += 1;
      at += matched;
      if (matched < word.length) fail();
      return;
    }
    NUMBER.lastIndex = at;
    const number = NUMBER.exec(text);
    if (!number) fail();
    at += number[0].length;
  };
  try {
    readValue();
    skipWhitespace();
    if (at < text.length) fail();
    return undefined;
  } catch (error) {
    if (error !== failed) throw error;
    return Math.min(at, text.length);
  }
}

/** "This is not valid JSON (near line 2, column 5)", or what is missing when the text stops early. */
export function notValidJson(text: string, error?: unknown): string {
  const offset = jsonErrorOffset(text);
  if (offset === undefined || offset >= text.trimEnd().length) {
    // The parser refused what this reader accepts (or the text stops early): its own words are the best there are.
    const message = error instanceof Error ? error.message : '';
    if (offset === undefined && !/end of JSON input|Unterminated/i.test(message)) return 'This is not valid JSON';
    return `This is not valid JSON ${STOPS_EARLY}`;
  }
  return `This is not valid JSON (near ${lineAndColumn(text, offset)})`;
}

/**
 * The same words for a request body, from the place JSON.parse's own error names ("… in JSON at position
 * 40"), without reading a body of megabytes a second time: "The body is not valid JSON (near line 1,
 * column 41)".
 */
export function bodyNotValidJson(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : '';
  const position = /at position (\d+)/.exec(message);
  const offset = position ? Number(position[1]) : undefined;
  if (/end of JSON input|Unterminated/i.test(message) || (offset !== undefined && offset >= text.trimEnd().length))
    return `The body is not valid JSON ${STOPS_EARLY}`;
  return offset === undefined ? 'The body is not valid JSON' : `The body is not valid JSON (near ${lineAndColumn(text, offset)})`;
}
