import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { listToArray } from './append-only-list';
import {
  appendReplyText,
  CHUNK_CHARACTERS,
  emptyReplyBlocks,
  liveBlockOf,
  type ReplyBlocks,
} from './markdown-blocks';

const streamed = (tokens: readonly string[]): ReplyBlocks =>
  tokens.reduce(appendReplyText, emptyReplyBlocks());
const oneGo = (text: string) => streamed([text]);
const pieces = (blocks: ReplyBlocks) => listToArray(blocks.done);
const texts = (blocks: ReplyBlocks) => pieces(blocks).map((piece) => piece.text);

/** The reply text back from its pieces: what the page shows, in order. */
function rejoin(blocks: ReplyBlocks): string {
  return [...pieces(blocks), { text: liveBlockOf(blocks), paragraph: blocks.continues ? 'more' : 'whole' }]
    .filter((piece) => piece.text !== '')
    .map((piece, index) => (index === 0 ? '' : piece.paragraph === 'more' ? ' ' : '\n\n') + piece.text)
    .join('');
}

describe('splitting a streamed reply into finished blocks and the live one', () => {
  it('finishes a block at a blank line and keeps the rest live', () => {
    const blocks = oneGo('# Title\n\nSome **bold** text\n\n- one\n- tw');
    expect(texts(blocks)).toEqual(['# Title', 'Some **bold** text']);
    expect(liveBlockOf(blocks)).toBe('- one\n- tw');
  });

  it('never splits inside a fenced code block, even at blank lines', () => {
    const blocks = oneGo('Intro\n\n```js\nconst a = 1;\n\nconst b = 2;\n```\n\nAfter');
    expect(texts(blocks)).toEqual(['Intro', '```js\nconst a = 1;\n\nconst b = 2;\n```']);
    expect(liveBlockOf(blocks)).toBe('After');
  });

  it('gives the same blocks character by character as in one go, never changing a finished one', () => {
    const text =
      'A table:\n\n| a | b |\n| - | - |\n| 1 | 2 |\n\n\n```\nx\n\ny\n```\n\nEnd with a [link](https://example.com).';
    let blocks = emptyReplyBlocks();
    let previous: string[] = [];
    for (const character of text) {
      blocks = appendReplyText(blocks, character);
      expect(texts(blocks).slice(0, previous.length)).toEqual(previous);
      previous = texts(blocks);
    }
    expect(pieces(blocks)).toEqual(pieces(oneGo(text)));
    expect(liveBlockOf(blocks)).toBe(liveBlockOf(oneGo(text)));
    expect(rejoin(blocks)).toBe(text.replace('\n\n\n', '\n\n'));
  });

  it('gives the same pieces however the text is cut into tokens', () => {
    const alphabet = fc.constantFrom('a', 'b', ' ', ' ', '\n', '#', '-', '`', '1', '.', 'é');
    const text = fc.oneof(
      fc.string({ unit: alphabet, maxLength: 400 }),
      // Long lines, so paragraphs get cut into chunks.
      fc
        .array(
          fc.constantFrom('word ', 'word '.repeat(400), 'x'.repeat(700), '\n', '\n\n', '- ', '```\n', ' 1. '),
          { maxLength: 30 },
        )
        .map((parts) => parts.join('')),
    );
    fc.assert(
      fc.property(text, fc.array(fc.nat(), { maxLength: 20 }), (whole, cuts) => {
        const positions = [...new Set(cuts.map((cut) => cut % (whole.length + 1)))].sort((a, b) => a - b);
        const tokens = [0, ...positions, whole.length]
          .slice(1)
          .map((end, index, ends) => whole.slice(index === 0 ? 0 : ends[index - 1], end));
        const split = streamed(tokens);
        const together = oneGo(whole);
        expect(pieces(split)).toEqual(pieces(together));
        expect(liveBlockOf(split)).toBe(liveBlockOf(together));
        expect(split.continues).toBe(together.continues);
      }),
      { numRuns: 300 },
    );
  });
});

describe('cutting one long paragraph being written into stable chunks', () => {
  const words = Array.from({ length: 2_000 }, (_, index) => `token${index + 1}`).join(' ');

  it('cuts at spaces into chunks of about CHUNK_CHARACTERS that read back as the paragraph', () => {
    const blocks = streamed(words.split(/(?= )/));
    expect(pieces(blocks).length).toBeGreaterThan(5);
    expect(pieces(blocks).map((piece) => piece.paragraph)).toEqual([
      'first',
      ...Array(pieces(blocks).length - 1).fill('more'),
    ]);
    for (const piece of pieces(blocks)) expect(piece.text.length).toBeLessThan(CHUNK_CHARACTERS + 20);
    expect(blocks.continues).toBe(true);
    expect(rejoin(blocks)).toBe(words);
  });

  it('ends the paragraph at a blank line as its last chunk', () => {
    const blocks = oneGo(`${words}\n\nNext`);
    expect(pieces(blocks).at(-1)?.paragraph).toBe('more');
    expect(liveBlockOf(blocks)).toBe('Next');
    expect(blocks.continues).toBe(false);
  });

  it('leaves lists, headings and short text whole', () => {
    expect(pieces(oneGo('short'))).toEqual([]);
    expect(pieces(oneGo(`- ${words}`))).toEqual([]);
    expect(pieces(oneGo(`# ${words}`))).toEqual([]);
    expect(pieces(oneGo(`${words.slice(0, 1_000)}\n${words}`))).toEqual([]);
  });

  it('never starts a chunk that Markdown would read as a list item or heading', () => {
    const tricky = Array.from({ length: 1_000 }, (_, index) => (index % 2 ? '- 1. #' : 'word')).join(' ');
    const blocks = oneGo(tricky);
    expect(pieces(blocks).length).toBeGreaterThan(1);
    for (const text of [...texts(blocks).slice(1), liveBlockOf(blocks)]) expect(text).toMatch(/^\p{L}/u);
  });
});
