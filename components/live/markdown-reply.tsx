'use client';
// A bot reply rendered as Markdown (GitHub flavour: lists, tables, code) with react-markdown. Raw HTML
// in the reply stays text (never parsed into elements), images are not fetched (their alt text shows),
// only http(s) and mailto links survive and external links open with rel="noopener noreferrer".
// While streaming, finished blocks are rendered once, in memoised pages, and only the block being
// written re-renders (lib/client/markdown-blocks splits the reply as it arrives).
import { memo, type ComponentProps } from 'react';
import Markdown, { type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';
import { cn } from '@/components/ui/cn';
import { listPages } from '@/lib/client/append-only-list';
import {
  isPlainText,
  liveBlockOf,
  PIECES_PER_PAGE,
  type ReplyBlocks,
  type ReplyPiece,
} from '@/lib/client/markdown-blocks';

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
 * before follows it with no gap between, so the paragraph only wraps onto a new line there.
 */
function ChunkedParagraph({ chunks, continues }: { chunks: readonly string[]; continues: boolean }) {
  return (
    <p>
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
const continuesParagraph = (piece: ReplyPiece | undefined) =>
  !!piece && piece.paragraph === 'more' && isInline(piece);
/** The gap before a block, except before the first and before the rest of a paragraph cut in two. */
const gapBefore = (continues: boolean) => (continues ? undefined : 'mt-2 first:mt-0');

/**
 * One page of finished pieces. Memoised: a full page keeps the same array and count in every later
 * render, so it is rendered once, and a frame re-renders only the last page. The last page also
 * shows the rest of a paragraph still being written (`live`) inline, so the text does not jump to a
 * new line where the finished chunks end.
 */
const PiecesPage = memo(function PiecesPage({
  items,
  count,
  live,
}: {
  items: readonly ReplyPiece[];
  count: number;
  live?: string;
}) {
  const groups: { inline: boolean; texts: string[] }[] = [];
  for (const piece of items.slice(0, count)) {
    const last = groups[groups.length - 1];
    if (continuesParagraph(piece) && last?.inline) last.texts.push(piece.text);
    else groups.push({ inline: isInline(piece), texts: [piece.text] });
  }
  if (live !== undefined) groups[groups.length - 1].texts.push(live);
  // Off screen, a finished page is neither laid out nor painted (its last size stands in for it), so
  // a frame's layout and paint cover the part in view, not the whole reply.
  return (
    <div
      className={cn(
        'space-y-2 [content-visibility:auto] [contain-intrinsic-size:auto_40rem]',
        gapBefore(continuesParagraph(items[0])),
      )}
    >
      {groups.map((group, index) =>
        group.inline ? (
          <ChunkedParagraph
            key={index}
            chunks={group.texts}
            continues={index === 0 && continuesParagraph(items[0])}
          />
        ) : (
          <MarkdownBlock key={index} text={group.texts[0]} />
        ),
      )}
    </div>
  );
});

/** The block being written, when it is not shown inline at the end of the last page. */
function LiveBlock({ blocks }: { blocks: ReplyBlocks }) {
  const text = liveBlockOf(blocks);
  if (!text) return null;
  if (blocks.continues && !text.includes('\n')) return <ChunkedParagraph chunks={[text]} continues />;
  return (
    <div className={gapBefore(false)}>
      <MarkdownBlock text={text} />
    </div>
  );
}

/** Whether the block being written continues the paragraph that ends the last page, inline. */
function liveJoinsLastPage(
  blocks: ReplyBlocks,
  last: { items: readonly ReplyPiece[]; count: number } | undefined,
) {
  const text = liveBlockOf(blocks);
  if (!last || last.count === PIECES_PER_PAGE || !blocks.continues || text === '' || text.includes('\n'))
    return false;
  return isInline(last.items[last.count - 1]);
}

export function MarkdownReply({ blocks }: { blocks: ReplyBlocks }) {
  const pages = listPages(blocks.done);
  const joined = liveJoinsLastPage(blocks, pages[pages.length - 1]);
  return (
    <div className="break-words" data-testid="reply-markdown">
      {pages.map((page, index) => (
        <PiecesPage
          key={index}
          items={page.items}
          count={page.count}
          live={index === pages.length - 1 && joined ? liveBlockOf(blocks) : undefined}
        />
      ))}
      {joined ? null : <LiveBlock blocks={blocks} />}
    </div>
  );
}
