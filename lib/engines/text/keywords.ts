// Word-level helpers: the local engine's deterministic stand-in for understanding a message. Matching is
// by shared content words, so a stop-word list keeps "what is the" from matching everything.
const STOP_WORDS = new Set(
  (
    'a about above after again all also am an and any are as at be been before being but by can could ' +
    'did do does doing done for from get give had has have having he her here hers him his how i if in into ' +
    'is it its just let me more most my no nor not now of off on once only or other our ours out over ' +
    'please same she should so some such than that the their theirs them then there these they this those ' +
    'through to too under until up us very was we were what when where which while who whom why will with ' +
    'would you your yours like tell want need know thanks thank hi hello hey'
  ).split(' '),
);

const WORD_PATTERN = /[\p{L}\p{N}]+/gu;

/** Letter-and-digit runs of `text`, as written. */
export function plainWords(text: string): string[] {
  return text.match(WORD_PATTERN) ?? [];
}

/** Like plainWords, but also splits identifiers such as `getWeather` or `city_name` into their words. */
export function identifierWords(text: string): string[] {
  return plainWords(text.replace(/([\p{Ll}\p{N}])(\p{Lu})/gu, '$1 $2'));
}

export function isStopWord(word: string): boolean {
  return word.length < 2 || STOP_WORDS.has(word.toLowerCase());
}

/** Lower case and a naive singular, so "cities"/"city" stay apart but "forecasts"/"forecast" meet. */
export function normaliseWord(word: string): string {
  const lower = word.toLowerCase();
  return lower.length > 3 && lower.endsWith('s') && !lower.endsWith('ss') ? lower.slice(0, -1) : lower;
}

/** The distinct normalised content words of `text`, in order of first appearance. */
export function keywords(text: string): string[] {
  const words = identifierWords(text)
    .filter((word) => !isStopWord(word))
    .map(normaliseWord);
  return [...new Set(words)];
}

/** JavaScript's `\s`: what separates the pieces countWords counts. */
const WHITESPACE = /\s/;
const ASCII_WHITESPACE = new Set([9, 10, 11, 12, 13, 32]);
const isWhitespace = (code: number) =>
  code < 128 ? ASCII_WHITESPACE.has(code) : WHITESPACE.test(String.fromCharCode(code));

/**
 * Whitespace-separated pieces, the engine's honest measure of "tokens" in the input: the same count as
 * `text.split(/\s+/).filter(Boolean).length`, without making a string per piece (100 KB is 50,000).
 */
export function countWords(text: string): number {
  let count = 0;
  let inWord = false;
  for (let index = 0; index < text.length; index += 1) {
    const space = isWhitespace(text.charCodeAt(index));
    if (!space && !inWord) count += 1;
    inWord = !space;
  }
  return count;
}

/**
 * The first `limit` distinct lower-cased content words of `text`, in order; reads only as far as it needs
 * (a 100 KB message of new words stops after `limit` of them).
 */
export function firstContentWords(text: string, limit: number): string[] {
  const found = new Set<string>();
  for (const match of text.matchAll(WORD_PATTERN)) {
    if (found.size >= limit) break;
    if (!isStopWord(match[0])) found.add(match[0].toLowerCase());
  }
  return [...found];
}

export interface WeightedField {
  text: string;
  weight: number;
}

/** Sums, over the distinct keywords of the query, the highest weight of a field containing that keyword. */
export function overlapScore(queryKeywords: readonly string[], fields: readonly WeightedField[]): number {
  const fieldKeywords = fields.map((field) => ({
    words: new Set(keywords(field.text)),
    weight: field.weight,
  }));
  let score = 0;
  for (const word of queryKeywords) {
    const weights = fieldKeywords.filter((field) => field.words.has(word)).map((field) => field.weight);
    score += Math.max(0, ...weights);
  }
  return score;
}

export interface ScoredMatch<T> {
  item: T;
  score: number;
}

/**
 * The item scoring highest against `query` (the earliest wins a tie), or undefined when none scores
 * above 0. `query` may be given as its keywords already (a long message is split into words once).
 */
export function bestMatch<T>(
  items: readonly T[],
  query: string | readonly string[],
  fieldsOf: (item: T) => WeightedField[],
): ScoredMatch<T> | undefined {
  const queryKeywords = typeof query === 'string' ? keywords(query) : query;
  let best: ScoredMatch<T> | undefined;
  for (const item of items) {
    const score = overlapScore(queryKeywords, fieldsOf(item));
    if (score > 0 && (!best || score > best.score)) best = { item, score };
  }
  return best;
}
