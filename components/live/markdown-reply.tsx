'use client';
// A bot reply rendered as Markdown (GitHub flavour: lists, tables, code) with react-markdown. Raw HTML
// in the reply stays text (never parsed into elements), images are not fetched (their alt text shows),
// only http(s) and mailto links survive and external links open with rel="noopener noreferrer".
// While streaming, finished blocks are rendered once, in memoised pages, and only the block being
// written re-renders (lib/client/markdown-blocks splits the reply as it arrives).
import { memo, type ComponentProps } from 'react';
import Markdown, { type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';
import { listPages } from '@/lib/client/append-only-list';
import { isPlainText, liveBlockOf, type ReplyBlocks, type ReplyPiece } from '@/lib/client/markdown-blocks';

const SAFE_LINK = /^(https?:|mailto:)/i;

/** Keeps only http(s) and mailto links and in-page anchors; anything else (javascript:, data:, vbscript:) is dropped. */
export function safeUrl(url: string): string {
  const trimmed = url.trim();
  if (trimmed.startsWith('#')) return trimmed;
  return SAFE_LINK.test(trimmed) ? trimmed : '';
}

function ReplyLink({ href, children }: ComponentProps<'a'>) {
  if (!href) return <span>{children}</span>;
  const external = !href.startsWith('#');
  return (
    <a
      href={href}
      {...(external && { target: '_blank', rel: 'noopener noreferrer' })}
      className="font-medium text-indigo-700 underline underline-offset-2 dark:text-indigo-300"
    >
      {children}
    </a>
  );
}

const PARAGRAPH_CLASS = 'my-1 first:mt-0 last:mb-0';

const COMPONENTS: Components = {
  a: ({ href, children }) => <ReplyLink href={href}>{children}</ReplyLink>,
  img: ({ alt }) => <span>{alt ? `[image: ${alt}]` : '[image]'}</span>,
  table: ({ children }) => (
    <div className="my-2 overflow-x-auto">
      <table className="w-full border-collapse text-left">{children}</table>
    </div>
  ),
  th: ({ children }) => (
    <th className="border-b border-zinc-300 px-2 py-1 font-semibold dark:border-zinc-600">{children}</th>
  ),
  td: ({ children }) => (
    <td className="border-b border-zinc-200 px-2 py-1 align-top dark:border-zinc-700">{children}</td>
  ),
  pre: ({ children }) => (
    <pre className="my-2 overflow-x-auto rounded-md bg-zinc-900 p-3 text-[0.85em] text-zinc-100 dark:bg-black">
      {children}
    </pre>
  ),
  code: ({ children, className }) => (
    <code className={className ?? 'rounded bg-zinc-200 px-1 py-0.5 text-[0.9em] dark:bg-zinc-700'}>
      {children}
    </code>
  ),
  ul: ({ children }) => <ul className="my-1 list-disc space-y-0.5 pl-5">{children}</ul>,
  ol: ({ children, start }) => (
    <ol start={start} className="my-1 list-decimal space-y-0.5 pl-5">
      {children}
    </ol>
  ),
  p: ({ children }) => <p className={PARAGRAPH_CLASS}>{children}</p>,
  h1: ({ children }) => <p className="my-1 text-[1.15em] font-semibold">{children}</p>,
  h2: ({ children }) => <p className="my-1 text-[1.1em] font-semibold">{children}</p>,
  h3: ({ children }) => <p className="my-1 font-semibold">{children}</p>,
  blockquote: ({ children }) => (
    <blockquote className="my-1 border-l-4 border-zinc-300 pl-3 dark:border-zinc-600">{children}</blockquote>
  ),
};

const PLUGINS = [remarkGfm];

/** One block of Markdown; memoised, so a finished block is parsed and rendered once. */
const MarkdownBlock = memo(function MarkdownBlock({ text }: { text: string }) {
  if (isPlainText(text)) return <p className={PARAGRAPH_CLASS}>{text.trim()}</p>;
  return (
    <Markdown remarkPlugins={PLUGINS} components={COMPONENTS} urlTransform={safeUrl}>
      {text}
    </Markdown>
  );
});

const INLINE_COMPONENTS: Components = { ...COMPONENTS, p: ({ children }) => <>{children}</> };

/** A chunk of one long paragraph, rendered inline so the chunks read as one paragraph; memoised. */
const InlineChunk = memo(function InlineChunk({ text }: { text: string }) {
  if (isPlainText(text)) return text.trim();
  return (
    <Markdown remarkPlugins={PLUGINS} components={INLINE_COMPONENTS} urlTransform={safeUrl}>
      {text}
    </Markdown>
  );
});

/**
 * Chunks of one long paragraph, as one paragraph. One that continues a paragraph from the page
 * before cancels the gap between blocks, so the paragraph only wraps onto a new line there.
 */
function ChunkedParagraph({ chunks, continues }: { chunks: readonly string[]; continues: boolean }) {
  return (
    <p className={continues ? '-mt-2' : undefined}>
      {chunks.map((chunk, index) => (
        <span key={index}>
          {/* The space a cut took out; at the start of a line it takes no room, but the text keeps it. */}
          {index > 0 || continues ? ' ' : null}
          <InlineChunk text={chunk} />
        </span>
      ))}
    </p>
  );
}

const isInline = (piece: ReplyPiece) => piece.paragraph !== 'whole' && !piece.text.includes('\n');

/**
 * One page of finished pieces. Memoised: a full page keeps the same array and count in every later
 * render, so it is rendered once, and a frame re-renders only the last page and the live block.
 */
const PiecesPage = memo(function PiecesPage({ items, count }: { items: readonly ReplyPiece[]; count: number }) {
  const groups: { inline: boolean; continues: boolean; texts: string[] }[] = [];
  for (const piece of items.slice(0, count)) {
    const last = groups[groups.length - 1];
    if (isInline(piece) && piece.paragraph === 'more' && last?.inline) last.texts.push(piece.text);
    else groups.push({ inline: isInline(piece), continues: piece.paragraph === 'more', texts: [piece.text] });
  }
  // Off screen, a finished page is neither laid out nor painted (its last size stands in for it), so
  // a frame's layout and paint cover the part in view, not the whole reply.
  return (
    <div className="space-y-2 [content-visibility:auto] [contain-intrinsic-size:auto_40rem]">
      {groups.map((group, index) =>
        group.inline ? (
          <ChunkedParagraph key={index} chunks={group.texts} continues={group.continues} />
        ) : (
          <MarkdownBlock key={index} text={group.texts[0]} />
        ),
      )}
    </div>
  );
});

/** The block being written: the only part of a streaming reply parsed again on every frame. */
function LiveBlock({ blocks }: { blocks: ReplyBlocks }) {
  const text = liveBlockOf(blocks);
  if (!text) return null;
  if (blocks.continues && !text.includes('\n')) return <ChunkedParagraph chunks={[text]} continues />;
  return <MarkdownBlock text={text} />;
}

export function MarkdownReply({ blocks }: { blocks: ReplyBlocks }) {
  return (
    <div className="space-y-2 break-words" data-testid="reply-markdown">
      {listPages(blocks.done).map((page, index) => (
        <PiecesPage key={index} items={page.items} count={page.count} />
      ))}
      <LiveBlock blocks={blocks} />
    </div>
  );
}
