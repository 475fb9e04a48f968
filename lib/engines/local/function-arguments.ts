// Fills a function's parameters from the user's message, deterministically, the way a reader would:
// first a value written after the parameter's name ("city: Paris", "count 3"), then a value that looks
// like what the parameter holds (its enum, type, format, and the words of its name and description: an
// invoice id looks like INV-5512, a month like March, a number like 3), then, for free text, what the
// sentence about the function is about. Each piece of the message fills at most one parameter, and a
// parameter the message says nothing about is left out rather than guessed.
//
// Linear in the message: it is scanned once (message-scan.ts) and every lookup after that is bounded.
import type { DispatchFunction } from '../../dispatch/schema';
import {
  argumentKind,
  chunkMatches,
  enumOf,
  isIdLike,
  isIdPrefix,
  isMonthWord,
  isNumberText,
  isYearText,
  parseNumber,
  trimPunctuation,
  typeOf,
  type ArgumentKind,
  type PropertySchema,
} from './argument-kinds';
import { identifierWords, isStopWord, keywords, normaliseWord } from '../text/keywords';
import { scannedMessage, type ScannedMessage } from './message-scan';

/** A value found in the message, and the chunks it came from (so no other parameter reuses them). */
interface Found {
  value: unknown;
  chunks: number[];
  sentence: number;
  /** For names: their keywords, so a function's own words ("Weather") are not taken for a place. */
  keywords?: string[];
}

/** The sentences to look in: the one about the function, else the whole message. */
type Focus = number | 'all';

const MAX_NAME_OCCURRENCES = 8;
/** A parameter looks at most this many candidates of its kind (bounded work per parameter). */
const MAX_CANDIDATES_TRIED = 256;
const MAX_NAMED_VALUE_LENGTH = 200;
const MAX_SUBJECT_WORDS = 20;
const MAX_PLACE_WORDS = 3;
/** Kinds whose values are unmistakable: when the focus sentence has none, the rest of the message is searched. */
const SEARCH_WHOLE_MESSAGE = new Set<ArgumentKind>([
  'email',
  'url',
  'uuid',
  'datetime',
  'date',
  'month',
  'year',
  'time',
  'phone',
  'id',
]);

export function deriveArguments(fn: DispatchFunction, message: string): Record<string, unknown> {
  const scan = scannedMessage(message);
  const properties = Object.entries(fn.parameters.properties) as [string, PropertySchema][];
  const vocabulary = new Set(
    keywords([fn.name, fn.description, ...properties.map(([name]) => name)].join(' ')),
  );
  const focus = focusSentence(scan, vocabulary);
  const taken = new Set<number>();
  const values = new Map<string, unknown>();
  const take = (name: string, value: unknown, chunks: readonly number[]) => {
    values.set(name, value);
    for (const chunk of chunks) taken.add(chunk);
  };
  const functionWords = new Set(identifierWords(fn.name).map((word) => word.toLowerCase()));
  const kinds = new Map(
    properties.map(([name, schema]) => [name, argumentKind(name, schema, functionWords)]),
  );
  let subjectCache: number[] | undefined;
  // Enough words for every parameter's share even after the others took theirs.
  const subject = () =>
    (subjectCache ??= subjectWords(
      scan,
      focus,
      vocabulary,
      MAX_SUBJECT_WORDS * properties.length + 4 * properties.length,
    ));

  for (const [name, schema] of properties) {
    const named = namedValue(scan, name);
    if (!named) continue;
    const value = coerce(String(named.value), schema, kinds.get(name) ?? 'text');
    if (value !== undefined) take(name, value, named.chunks);
  }
  // Specific kinds before free ones, so "check INV 5512 March" gives the id and the month their own words.
  const passes: ((kind: ArgumentKind) => boolean)[] = [
    (kind) => kind !== 'place' && kind !== 'text',
    (kind) => kind === 'place',
    (kind) => kind === 'text',
  ];
  for (const inPass of passes) {
    for (const [name, schema] of properties) {
      const kind = kinds.get(name) ?? 'text';
      if (values.has(name) || !inPass(kind)) continue;
      const found = findByKind(scan, kind, schema, focus, taken, vocabulary, subject);
      if (found) take(name, found.value, found.chunks);
    }
  }
  return Object.fromEntries(
    properties.flatMap(([name]) => (values.has(name) ? [[name, values.get(name)]] : [])),
  );
}

/**
 * The sentence sharing the most words with the function, so "How do refunds work? And the weather in
 * Lisbon?" gives getWeather "Lisbon" (the earliest wins a tie); the whole message when none shares any.
 */
function focusSentence(scan: ScannedMessage, vocabulary: ReadonlySet<string>): Focus {
  const overlap = new Map<number, number>();
  let best: Focus = 'all';
  let bestOverlap = 0;
  for (const keyword of vocabulary) {
    for (const sentence of scan.sentencesByKeyword.get(keyword) ?? []) {
      const count = (overlap.get(sentence) ?? 0) + 1;
      overlap.set(sentence, count);
      if (count > bestOverlap || (count === bestOverlap && sentence < (best as number))) {
        best = sentence;
        bestOverlap = count;
      }
    }
  }
  return best;
}

const inFocus = (sentence: number, focus: Focus) => focus === 'all' || sentence === focus;

/** The value written right after the parameter's name: `city Paris`, `city: "New York"`, `count=3`, `order id is 7`. */
function namedValue(scan: ScannedMessage, name: string): Found | undefined {
  const parts = identifierWords(name).map((part) => part.toLowerCase());
  const ends: { end: number; sentence: number }[] = [];
  for (const index of (scan.wordsByLower.get(name.toLowerCase()) ?? []).slice(0, MAX_NAME_OCCURRENCES)) {
    ends.push({ end: scan.words[index].end, sentence: scan.words[index].sentence });
  }
  if (parts.length > 1) {
    // The name written as words: "invoice id", "invoice-id".
    for (const index of (scan.wordsByLower.get(parts[0]) ?? []).slice(0, MAX_NAME_OCCURRENCES)) {
      const last = followedBy(scan, index, parts);
      if (last !== undefined) ends.push({ end: scan.words[last].end, sentence: scan.words[last].sentence });
    }
  }
  for (const { end, sentence } of ends) {
    const found = valueAfter(scan, end);
    if (found) return { ...found, sentence };
  }
  return undefined;
}

/** The index of the last word when the words from `index` on are `parts`, close together; else undefined. */
function followedBy(scan: ScannedMessage, index: number, parts: readonly string[]): number | undefined {
  for (let offset = 1; offset < parts.length; offset += 1) {
    const previous = scan.words[index + offset - 1];
    const word = scan.words[index + offset];
    if (!word || word.lower !== parts[offset] || word.start - previous.end > 2) return undefined;
    if (!/^[\s_-]*$/.test(scan.text.slice(previous.end, word.start))) return undefined;
  }
  return index + parts.length - 1;
}

function valueAfter(scan: ScannedMessage, position: number): Omit<Found, 'sentence'> | undefined {
  const { text, nextNonSpace } = scan;
  let at = nextNonSpace[position];
  if (text[at] === ':' || text[at] === '=') {
    at = nextNonSpace[at + 1];
  } else if (text.slice(at, at + 3).toLowerCase() === 'is ') {
    at = nextNonSpace[at + 2];
  }
  if (at >= text.length) return undefined;
  let value: string;
  let end: number;
  const quote = text[at];
  if (quote === '"' || quote === "'") {
    const close = boundedIndexOf(text, quote, at + 1, MAX_NAMED_VALUE_LENGTH);
    if (close < 0) return undefined;
    value = text.slice(at + 1, close).trim();
    end = close + 1;
  } else {
    const chunk = scan.chunks[chunkAt(scan, at)];
    const stop = Math.min(boundedStop(chunk.text, at - chunk.start), MAX_NAMED_VALUE_LENGTH + 1);
    if (stop > MAX_NAMED_VALUE_LENGTH) return undefined;
    value = stripTrailingMarks(chunk.text.slice(at - chunk.start, at - chunk.start + stop));
    end = at + stop;
  }
  if (!value || isStopWord(value)) return undefined;
  return { value, chunks: chunksBetween(scan, at, end) };
}

/** Like indexOf, but looks at most `limit` characters ahead. */
function boundedIndexOf(text: string, char: string, from: number, limit: number): number {
  const last = Math.min(text.length, from + limit + 1);
  for (let index = from; index < last; index += 1) if (text[index] === char) return index;
  return -1;
}

/** Where an unquoted value in a chunk stops: at a comma or semicolon, or the chunk's end. */
function boundedStop(chunk: string, from: number): number {
  const last = Math.min(chunk.length, from + MAX_NAMED_VALUE_LENGTH + 1);
  for (let index = from; index < last; index += 1) {
    if (chunk[index] === ',' || chunk[index] === ';') return index - from;
  }
  return last - from;
}

function stripTrailingMarks(value: string): string {
  let end = value.length;
  while (end > 0 && '.!?'.includes(value[end - 1])) end -= 1;
  return value.slice(0, end);
}

/** The chunk containing the (non-space) position, by binary search. */
function chunkAt(scan: ScannedMessage, position: number): number {
  let low = 0;
  let high = scan.chunks.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (scan.chunks[middle].start <= position) low = middle;
    else high = middle - 1;
  }
  return low;
}

function chunksBetween(scan: ScannedMessage, start: number, end: number): number[] {
  const chunks: number[] = [];
  for (
    let index = chunkAt(scan, start);
    index < scan.chunks.length && scan.chunks[index].start < end;
    index += 1
  )
    chunks.push(index);
  return chunks;
}

function coerce(raw: string, schema: PropertySchema, kind: ArgumentKind): unknown {
  const options = enumOf(schema);
  if (options) return options.find((option) => String(option).toLowerCase() === raw.toLowerCase());
  switch (kind) {
    case 'number': {
      if (!isNumberText(raw)) return undefined;
      const value = parseNumber(raw);
      return typeOf(schema) === 'integer' ? Math.trunc(value) : value;
    }
    case 'boolean':
      if (/^(?:true|yes|on)$/i.test(raw)) return true;
      if (/^(?:false|no|off)$/i.test(raw)) return false;
      return undefined;
    case 'unsupported':
      return undefined;
    case 'month':
      return isMonthWord(raw) || chunkMatches('month', raw) ? raw : undefined;
    case 'place':
    case 'text':
      return raw;
    default:
      return chunkMatches(kind, trimPunctuation(raw)) ? trimPunctuation(raw) : undefined;
  }
}

function findByKind(
  scan: ScannedMessage,
  kind: ArgumentKind,
  schema: PropertySchema,
  focus: Focus,
  taken: ReadonlySet<number>,
  vocabulary: ReadonlySet<string>,
  subject: () => readonly number[],
): Found | undefined {
  if (kind === 'unsupported' || kind === 'boolean') return undefined;
  if (kind === 'enum') return enumMention(scan, enumOf(schema) ?? [], focus);
  if (kind === 'text') return subjectOf(scan, subject(), taken);
  const candidates = candidatesOf(scan, kind);
  const free = (found: Found) => found.chunks.every((chunk) => !taken.has(chunk));
  const usable =
    kind === 'place'
      ? (found: Found) => free(found) && !found.keywords?.some((word) => vocabulary.has(word))
      : free;
  const inSentence = firstFrom(candidates, focus === 'all' ? 0 : focus, usable, focus);
  if (inSentence || focus === 'all' || !SEARCH_WHOLE_MESSAGE.has(kind)) {
    return inSentence && convert(inSentence, schema, kind);
  }
  const anywhere = firstFrom(candidates, 0, usable, 'all');
  return anywhere && convert(anywhere, schema, kind);
}

function convert(found: Found, schema: PropertySchema, kind: ArgumentKind): Found | undefined {
  if (kind !== 'number') return found;
  const value = parseNumber(String(found.value));
  return { ...found, value: typeOf(schema) === 'integer' ? Math.trunc(value) : value };
}

/**
 * A kind's candidates in message order, found only as far as someone asks: a parameter looks at the
 * first few in its sentence, so most of a long message is never classified. Each chunk is looked at
 * once per kind however many parameters ask.
 */
class CandidateList {
  private readonly found: Found[] = [];
  private done = false;

  constructor(private readonly source: Iterator<Found>) {}

  at(index: number): Found | undefined {
    while (!this.done && this.found.length <= index) this.pull();
    return this.found[index];
  }

  /** Index of the first candidate in `sentence` or later (found.length when none). */
  firstIndexFrom(sentence: number): number {
    while (!this.done && (this.found.at(-1)?.sentence ?? -1) < sentence) this.pull();
    let low = 0;
    let high = this.found.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.found[middle].sentence < sentence) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  private pull(): void {
    const next = this.source.next();
    if (next.done) this.done = true;
    else this.found.push(next.value);
  }
}

/** The first usable candidate from `sentence` on, within the focus, trying a bounded number. */
function firstFrom(
  candidates: CandidateList,
  sentence: number,
  usable: (found: Found) => boolean,
  focus: Focus,
): Found | undefined {
  const first = candidates.firstIndexFrom(sentence);
  for (let index = first; index < first + MAX_CANDIDATES_TRIED; index += 1) {
    const candidate = candidates.at(index);
    if (!candidate || !inFocus(candidate.sentence, focus)) return undefined;
    if (usable(candidate)) return candidate;
  }
  return undefined;
}

const candidateCache = new WeakMap<ScannedMessage, Map<ArgumentKind, CandidateList>>();

function candidatesOf(scan: ScannedMessage, kind: ArgumentKind): CandidateList {
  let byKind = candidateCache.get(scan);
  if (!byKind) candidateCache.set(scan, (byKind = new Map()));
  let list = byKind.get(kind);
  if (!list) {
    list = new CandidateList(kind === 'place' ? placeCandidates(scan) : chunkCandidates(scan, kind));
    byKind.set(kind, list);
  }
  return list;
}

function* chunkCandidates(scan: ScannedMessage, kind: ArgumentKind): Generator<Found> {
  const { chunks } = scan;
  for (let index = 0; index < chunks.length; index += 1) {
    const chunk = chunks[index];
    const value = trimPunctuation(chunk.text);
    if (
      kind === 'id' &&
      isIdPrefix(value) &&
      index + 1 < chunks.length &&
      chunks[index + 1].start === chunk.end + 1
    ) {
      // "INV 5512": a short capitals prefix and a number written apart are one id.
      const next = trimPunctuation(chunks[index + 1].text);
      if (/^\d+$/.test(next) && chunk.text === value) {
        yield { value: `${value} ${next}`, chunks: [index, index + 1], sentence: chunk.sentence };
        index += 1;
        continue;
      }
    }
    if (kind === 'month' && isMonthWord(value)) {
      const next = index + 1 < chunks.length ? trimPunctuation(chunks[index + 1].text) : '';
      const withYear = isYearText(next) && chunks[index + 1].sentence === chunk.sentence;
      yield {
        value: withYear ? `${value} ${next}` : value,
        chunks: withYear ? [index, index + 1] : [index],
        sentence: chunk.sentence,
      };
      if (withYear) index += 1;
      continue;
    }
    if (kind === 'id' ? isIdLike(value) : chunkMatches(kind, value)) {
      yield { value, chunks: [index], sentence: chunk.sentence };
    }
  }
}

const startsUpper = (word: string) => /^\p{Lu}/u.test(word);

/**
 * Names of places and people: runs of capitalised words (New York), not at the start of a sentence
 * (where every word is capitalised), and not a stop word or a month.
 */
function* placeCandidates(scan: ScannedMessage): Generator<Found> {
  const { words } = scan;
  let index = 0;
  while (index < words.length) {
    const word = words[index];
    const sentenceStart = index === 0 || words[index - 1].sentence !== word.sentence;
    if (!startsUpper(word.text) || sentenceStart || isStopWord(word.text) || isMonthWord(word.text)) {
      index += 1;
      continue;
    }
    const run = [word];
    while (run.length < MAX_PLACE_WORDS) {
      const next = words[index + run.length];
      const previous = run[run.length - 1];
      if (
        !next ||
        !startsUpper(next.text) ||
        next.start !== previous.end + 1 ||
        next.sentence !== word.sentence
      )
        break;
      if (scan.text[previous.end] !== ' ' || isStopWord(next.text)) break;
      run.push(next);
    }
    const value = run.map((part) => part.text).join(' ');
    index += run.length;
    yield {
      value,
      chunks: [...new Set(run.map((part) => part.chunk))],
      sentence: word.sentence,
      keywords: run.flatMap((part) => part.keywords),
    };
  }
}

/** The first enum option (in the schema's order) the focus mentions as a word or words. */
function enumMention(scan: ScannedMessage, options: readonly unknown[], focus: Focus): Found | undefined {
  for (const option of options) {
    const parts = String(option).toLowerCase().split(/\s+/).filter(Boolean);
    if (parts.length === 0) continue;
    for (const index of (scan.wordsByLower.get(parts[0]) ?? []).slice(0, 64)) {
      const word = scan.words[index];
      if (!inFocus(word.sentence, focus)) continue;
      const last = parts.length === 1 ? index : followedBy(scan, index, parts);
      if (last === undefined) continue;
      const chunks = [...new Set(scan.words.slice(index, last + 1).map((part) => part.chunk))];
      return { value: option, chunks, sentence: word.sentence };
    }
  }
  return undefined;
}

/**
 * The focus's content words that are not the function's own words, in order, as word indexes: found once
 * per call (a long sentence of stop words is walked once, not once per parameter), at most `limit`.
 */
function subjectWords(
  scan: ScannedMessage,
  focus: Focus,
  vocabulary: ReadonlySet<string>,
  limit: number,
): number[] {
  const picked: number[] = [];
  const first = focus === 'all' ? 0 : firstWordOf(scan, focus);
  for (let index = first; index < scan.words.length && picked.length < limit; index += 1) {
    const word = scan.words[index];
    if (!inFocus(word.sentence, focus)) break;
    if (word.text.includes('_') || isStopWord(word.text) || vocabulary.has(normaliseWord(word.text)))
      continue;
    picked.push(index);
  }
  return picked;
}

/** Free text: the subject words no other parameter used. */
function subjectOf(
  scan: ScannedMessage,
  subject: readonly number[],
  taken: ReadonlySet<number>,
): Found | undefined {
  const words = subject.map((index) => scan.words[index]).filter((word) => !taken.has(word.chunk));
  const picked = words.slice(0, MAX_SUBJECT_WORDS);
  if (picked.length === 0) return undefined;
  return {
    value: picked.map((word) => word.text).join(' '),
    chunks: [...new Set(picked.map((word) => word.chunk))],
    sentence: picked[0].sentence,
  };
}

function firstWordOf(scan: ScannedMessage, sentence: number): number {
  let low = 0;
  let high = scan.words.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (scan.words[middle].sentence < sentence) low = middle + 1;
    else high = middle;
  }
  return low;
}
