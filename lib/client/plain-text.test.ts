import fc from 'fast-check';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import Markdown from 'react-markdown';
import remarkGfm from 'remark-gfm';
import { describe, expect, it } from 'vitest';
import { isPlainText } from './markdown-blocks';

const asMarkdown = (text: string) =>
  renderToStaticMarkup(createElement(Markdown, { remarkPlugins: [remarkGfm] }, text));
const asParagraph = (text: string) => renderToStaticMarkup(createElement('p', null, text.trim()));

describe('text the page shows without the Markdown parser', () => {
  it('is exactly what the parser would show', () => {
    const piece = fc.constantFrom(
      'word',
      'Wörter',
      '12',
      ' ',
      '  ',
      '.',
      ',',
      ':',
      ';',
      '?',
      '!',
      "'",
      '"',
      '(',
      ')',
      '-',
      '1.',
      '2)',
      'www.',
      'a@b',
      '*',
      '_',
      '`',
      '[x]',
      '#',
      '>',
      '|',
      '~~',
      '&amp;',
      '<b>',
      '\\',
      '\n',
      'http://x.y',
    );
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 25 }).map((pieces) => pieces.join('')),
        (text) => {
          if (isPlainText(text)) expect(asParagraph(text)).toBe(asMarkdown(text));
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('covers plain prose and leaves anything with Markdown in it to the parser', () => {
    expect(isPlainText(' token1 token2 token3')).toBe(true);
    expect(isPlainText('Hello, world: it works (mostly) - really? Yes!')).toBe(true);
    for (const text of [
      '**bold**',
      '- item',
      '1. first',
      '    code',
      'see www.example.com',
      'a\nb',
      '',
      '  ',
    ])
      expect(isPlainText(text)).toBe(false);
  });
});
