// countWords and firstContentWords read 100 KB messages in one pass without a string per piece; they must
// give what the plain definitions give, for any text.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countWords, firstContentWords, isStopWord, plainWords } from './keywords';

/** Text built from the pieces that matter here: every kind of whitespace, words, stop words, unicode. */
const text = fc
  .array(
    fc.constantFrom(
      ' ',
      '\t',
      '\n',
      '\u00a0',
      '\u2003',
      '\u3000',
      '\ufeff',
      'City',
      'city',
      'the',
      'Paris',
      'é',
      '😀',
      '-',
      'x1',
      'IS',
    ),
    { maxLength: 80 },
  )
  .map((pieces) => pieces.join(''));

describe('countWords', () => {
  it('counts what split(/\\s+/) keeps, for any text', () => {
    fc.assert(
      fc.property(fc.oneof(text, fc.string({ unit: 'binary' })), (value) => {
        expect(countWords(value)).toBe(value.split(/\s+/).filter(Boolean).length);
      }),
      { numRuns: 500 },
    );
  });
});

describe('firstContentWords', () => {
  it('gives the first distinct lower-cased content words in order, as filtering every word would', () => {
    fc.assert(
      fc.property(text, fc.integer({ min: 1, max: 10 }), (value, limit) => {
        const everyWord = [
          ...new Set(
            plainWords(value)
              .filter((word) => !isStopWord(word))
              .map((word) => word.toLowerCase()),
          ),
        ];
        expect(firstContentWords(value, limit)).toEqual(everyWord.slice(0, limit));
      }),
      { numRuns: 500 },
    );
  });
});
