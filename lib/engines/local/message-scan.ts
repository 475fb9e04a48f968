// One linear pass over a user message, shared by everything that reads it for arguments: its chunks
// (runs of non-space), its words, its sentences, and an index from each lower-cased word to where it
// occurs. Request text is attacker-chosen (100,000 characters of spaces, dots or one repeated word), so
// nothing here backtracks: plain scanning and global regexes whose matches never overlap.
import { identifierWords, isStopWord, normaliseWord } from '../text/keywords';

export interface Chunk {
  /** The run of non-space characters, as written. */
  text: string;
  start: number;
  end: number;
  sentence: number;
}

export interface Word {
  text: string;
  lower: string;
  start: number;
  end: number;
  sentence: number;
  /** Index of the chunk the word is part of. */
  chunk: number;
  /** Its normalised keywords (`invoiceIds` → invoice, id); shared between equal words. */
  keywords: readonly string[];
}

export interface ScannedMessage {
  text: string;
  chunks: Chunk[];
  words: Word[];
  sentenceCount: number;
  /** Word indexes by lower-cased word, in message order. */
  wordsByLower: Map<string, number[]>;
  /** keywords(text) of keywords.ts, from the same pass: distinct normalised content words, in order. */
  contentKeywords: string[];
  /** Sentence indexes (ascending, distinct) by normalised keyword (see keywords.ts). */
  sentencesByKeyword: Map<string, number[]>;
  /** Index of the next non-whitespace character at or after each position (text.length when none). */
  nextNonSpace: Int32Array;
}

/** Letters, digits and underscore: `city_name` and `invoiceId` stay one word, as parameter names are. */
const WORD_CHARACTER = /^[\p{L}\p{N}_]$/u;
/** Word-character answers for the Basic Multilingual Plane: 0 not yet known, 1 yes, 2 no. */
const wordCodeCache = new Uint8Array(0x10000);

function isWordCodePoint(codePoint: number): boolean {
  if (codePoint < 128) {
    return (
      (codePoint >= 97 && codePoint <= 122) ||
      (codePoint >= 65 && codePoint <= 90) ||
      (codePoint >= 48 && codePoint <= 57) ||
      codePoint === 95
    );
  }
  if (codePoint < 0x10000) {
    if (wordCodeCache[codePoint] === 0)
      wordCodeCache[codePoint] = WORD_CHARACTER.test(String.fromCharCode(codePoint)) ? 1 : 2;
    return wordCodeCache[codePoint] === 1;
  }
  return WORD_CHARACTER.test(String.fromCodePoint(codePoint));
}

/** Length in UTF-16 units of the code point at `index`. */
const codePointLength = (codePoint: number) => (codePoint > 0xffff ? 2 : 1);

const isSpace = (code: number) =>
  code === 32 || (code >= 9 && code <= 13) || code === 0xa0 || code === 0x2028 || code === 0x2029;
const isSentenceMark = (code: number) => code === 46 || code === 33 || code === 63 || code === 59; // . ! ? ;

/**
 * Where sentences end: after a run of . ! ? ; that is followed by whitespace or the end, and at each
 * newline. Positions ascend; a sentence holds the characters before its end position.
 */
function sentenceEnds(text: string): number[] {
  const ends: number[] = [];
  let index = 0;
  while (index < text.length) {
    const code = text.charCodeAt(index);
    if (code === 10) {
      ends.push(index);
      index += 1;
    } else if (isSentenceMark(code)) {
      let after = index + 1;
      while (after < text.length && isSentenceMark(text.charCodeAt(after))) after += 1;
      if (after === text.length || isSpace(text.charCodeAt(after))) ends.push(after);
      index = after;
    } else {
      index += 1;
    }
  }
  return ends;
}

function computeNextNonSpace(text: string): Int32Array {
  const next = new Int32Array(text.length + 1);
  next[text.length] = text.length;
  for (let index = text.length - 1; index >= 0; index -= 1) {
    next[index] = isSpace(text.charCodeAt(index)) ? next[index + 1] : index;
  }
  return next;
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function scanMessage(text: string): ScannedMessage {
  const ends = sentenceEnds(text);
  let sentence = 0;
  const sentenceAt = (position: number) => {
    while (sentence < ends.length && ends[sentence] <= position) sentence += 1;
    return sentence;
  };

  // Plain loops rather than matchAll: no match array per chunk or word (100 KB is up to 50,000 of them).
  const chunks: Chunk[] = [];
  for (let index = 0; index < text.length;) {
    if (isSpace(text.charCodeAt(index))) {
      index += 1;
      continue;
    }
    const start = index;
    while (index < text.length && !isSpace(text.charCodeAt(index))) index += 1;
    chunks.push({ text: text.slice(start, index), start, end: index, sentence: sentenceAt(start) });
  }

  sentence = 0;
  const words: Word[] = [];
  const wordsByLower = new Map<string, number[]>();
  const sentencesByKeyword = new Map<string, number[]>();
  let chunk = 0;
  // Messages repeat their words: each distinct word is split into keywords once.
  const keywordsOfWord = new Map<string, string[]>();
  const contentKeywords = new Set<string>();
  for (let index = 0; index < text.length;) {
    let codePoint = text.codePointAt(index) as number;
    if (!isWordCodePoint(codePoint)) {
      index += codePointLength(codePoint);
      continue;
    }
    const start = index;
    while (index < text.length && isWordCodePoint(codePoint)) {
      index += codePointLength(codePoint);
      codePoint = text.codePointAt(index) as number;
    }
    const wordText = text.slice(start, index);
    while (chunk < chunks.length && chunks[chunk].end <= start) chunk += 1;
    let parts = keywordsOfWord.get(wordText);
    if (!parts) {
      const pieces = identifierWords(wordText);
      parts = [...new Set(pieces.map(normaliseWord))];
      keywordsOfWord.set(wordText, parts);
      for (const piece of pieces) if (!isStopWord(piece)) contentKeywords.add(normaliseWord(piece));
    }
    const word: Word = {
      text: wordText,
      lower: wordText.toLowerCase(),
      start,
      end: index,
      sentence: sentenceAt(start),
      chunk,
      keywords: parts,
    };
    pushTo(wordsByLower, word.lower, words.length);
    words.push(word);
    for (const keyword of parts) {
      const sentences = sentencesByKeyword.get(keyword);
      if (sentences?.at(-1) === word.sentence) continue;
      pushTo(sentencesByKeyword, keyword, word.sentence);
    }
  }

  return {
    text,
    chunks,
    words,
    sentenceCount: ends.length + 1,
    wordsByLower,
    contentKeywords: [...contentKeywords],
    sentencesByKeyword,
    nextNonSpace: computeNextNonSpace(text),
  };
}

let lastScan: ScannedMessage | undefined;

/** The scan of `text`, reused while the same message is asked about (one run calls several functions). */
export function scannedMessage(text: string): ScannedMessage {
  if (lastScan?.text !== text) lastScan = scanMessage(text);
  return lastScan;
}
