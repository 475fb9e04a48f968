import { describe, expect, it } from 'vitest';
import { paragraphChunks, splitMarkdownBlocks } from './markdown-blocks';

describe('splitting a streamed reply into finished blocks and the live one', () => {
  it('finishes a block at a blank line and keeps the rest live', () => {
    const blocks = splitMarkdownBlocks('# Title\n\nSome **bold** text\n\n- one\n- tw');
    expect(blocks.done).toEqual(['# Title', 'Some **bold** text']);
    expect(blocks.live).toBe('- one\n- tw');
  });

  it('never splits inside a fenced code block, even at blank lines', () => {
    const blocks = splitMarkdownBlocks('Intro\n\n```js\nconst a = 1;\n\nconst b = 2;\n```\n\nAfter');
    expect(blocks.done).toEqual(['Intro', '```js\nconst a = 1;\n\nconst b = 2;\n```']);
    expect(blocks.live).toBe('After');
  });

  it('gives the same blocks token by token as in one go, reusing finished ones', () => {
    const text =
      'A table:\n\n| a | b |\n| - | - |\n| 1 | 2 |\n\n```\nx\n\ny\n```\n\nEnd with a [link](https://example.com).';
    let blocks = splitMarkdownBlocks('');
    let previousDone: string[] = [];
    for (let end = 1; end <= text.length; end += 1) {
      blocks = splitMarkdownBlocks(text.slice(0, end), blocks);
      // Finished blocks only ever grow in number; none is changed once done.
      expect(blocks.done.slice(0, previousDone.length)).toEqual(previousDone);
      previousDone = blocks.done;
    }
    expect(blocks).toEqual(splitMarkdownBlocks(text));
    expect([...blocks.done, blocks.live].join('\n\n')).toBe(text);
  });
});

describe('cutting one long paragraph being written into stable chunks', () => {
  it('cuts at spaces, keeps earlier cuts as the text grows, and leaves lists and short text alone', () => {
    const words = Array.from({ length: 2_000 }, (_, index) => `token${index + 1}`).join(' ');
    const chunks = paragraphChunks(words) ?? [];
    expect(chunks.length).toBeGreaterThan(5);
    expect(chunks.join(' ')).toBe(words);
    const longer = paragraphChunks(`${words} more words`) ?? [];
    expect(longer.slice(0, -1)).toEqual(chunks.slice(0, -1));
    expect(paragraphChunks('short')).toBeUndefined();
    expect(paragraphChunks(`- ${words}`)).toBeUndefined();
    expect(paragraphChunks(`${words}\nnext line`)).toBeUndefined();
    // A cut never starts a chunk that Markdown would read as a list item or heading.
    const tricky = Array.from({ length: 1_000 }, (_, index) => (index % 2 ? '- 1. #' : 'word')).join(' ');
    for (const chunk of (paragraphChunks(tricky) ?? []).slice(1)) expect(chunk).toMatch(/^\p{L}/u);
  });
});
