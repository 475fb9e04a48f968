// Splits a streamed Markdown reply, token by token, into finished pieces and the one block still being
// written, so the live view renders each finished piece once (memoised) and re-parses only the block
// being written. A block ends at a blank line outside a fenced code block. One long paragraph being
// written (a single line of plain text) is also cut at spaces into chunks of about CHUNK_CHARACTERS,
// so its finished chunks render once too. Each token is looked at once: the work per token does not
// depend on how long the reply already is.
import { appendToList, emptyList, type AppendOnlyList } from './append-only-list';

/**
 * A finished piece: a whole Markdown block, or a chunk of one long paragraph ('first' starts the
 * paragraph, 'more' continues the chunk before it after a space).
 */
export interface ReplyPiece {
  text: string;
  paragraph: 'whole' | 'first' | 'more';
}

export interface ReplyBlocks {
  /** Pieces that can no longer change. */
  done: AppendOnlyList<ReplyPiece>;
  /** The finished lines of the block being written, each with its newline. */
  lines: string;
  /** The line being written (no newline yet). */
  line: string;
  inFence: boolean;
  /** The block being written continues a long paragraph whose first chunks are done. */
  continues: boolean;
  /** Whether the block may be cut into chunks; decided at its first possible cut. */
  cuttable?: boolean;
  /** Where in `line` the search for the next cut resumes. */
  searchFrom: number;
}

/** Finished pieces are kept in pages of this many, each rendered by one memoised component. */
export const PIECES_PER_PAGE = 16;

export const emptyReplyBlocks = (): ReplyBlocks => ({
  done: emptyList(PIECES_PER_PAGE),
  lines: '',
  line: '',
  inFence: false,
  continues: false,
  searchFrom: 0,
});

const FENCE = /^ {0,3}(```|~~~)/;
export const CHUNK_CHARACTERS = 1_500;
/** A line starting like this is a list, table, heading, quote or fence: it is not cut into chunks. */
const BLOCK_START = /^\s*([#>|*+-]|\d+[.)]|```|~~~)/;

const PLAIN_CHARACTERS = /^[\p{L}\p{N} .,;:?!'"()-]*$/u;

/**
 * One non-blank line that Markdown (GitHub flavour) shows as it is, as one paragraph: letters, digits, spaces
 * and plain punctuation, not the start of a list or an indented code block, and no "www." (which
 * would become a link). The page shows such text without running the parser, which costs about a
 * millisecond per thousand characters (most of a full-speed reply is plain words).
 */
export const isPlainText = (text: string) =>
  /\S/.test(text) &&
  PLAIN_CHARACTERS.test(text) &&
  !BLOCK_START.test(text) &&
  !/^ {4}/.test(text) &&
  !/www\./i.test(text);

/** The block being written, as Markdown (may be partial). */
export const liveBlockOf = (blocks: ReplyBlocks) => blocks.lines + blocks.line;

/** Ends the block being written at a blank line (adds nothing when it is empty). */
function endBlock(blocks: ReplyBlocks, done: ReplyPiece[]): ReplyBlocks {
  // The block is its lines without the newline that ends the last one.
  const text = blocks.lines.slice(0, -1);
  if (text.trim() !== '') done.push({ text, paragraph: blocks.continues ? 'more' : 'whole' });
  return { ...blocks, lines: '', line: '', continues: false, cuttable: undefined, searchFrom: 0 };
}

/**
 * The first space at or after `from` that is followed by a letter: a chunk starting there cannot be
 * read as a list, heading, quote or table row of its own. -1 while there is none yet.
 */
function safeCut(text: string, from: number): number {
  for (let cut = text.indexOf(' ', from); cut !== -1; cut = text.indexOf(' ', cut + 1)) {
    if (/\p{L}/u.test(text[cut + 1] ?? '')) return cut;
  }
  return -1;
}

/** Cuts finished chunks off a paragraph being written while it is a single line of plain text. */
function cutChunks(blocks: ReplyBlocks, done: ReplyPiece[]): ReplyBlocks {
  if (blocks.lines !== '' || blocks.cuttable === false || blocks.line.length <= CHUNK_CHARACTERS)
    return blocks;
  let { line, continues, searchFrom } = blocks;
  let cuttable: boolean | undefined = blocks.cuttable;
  for (;;) {
    const cut = safeCut(line, Math.max(CHUNK_CHARACTERS, searchFrom));
    if (cut === -1) break;
    // Decided at the first cut: by then the line's start can no longer turn into a list or heading.
    cuttable ??= !BLOCK_START.test(line);
    if (!cuttable) break;
    done.push({ text: line.slice(0, cut), paragraph: continues ? 'more' : 'first' });
    line = line.slice(cut + 1);
    continues = true;
    searchFrom = 0;
  }
  // The last character may be a space whose letter has not arrived yet: look at it again next time.
  return { ...blocks, line, continues, cuttable, searchFrom: Math.max(0, line.length - 1) };
}

/**
 * Adds a streamed token to the reply. Each piece of the token is cut into chunks as it joins its line,
 * before the line ends, so the pieces come out the same however the text is split into tokens.
 */
export function appendReplyText(blocks: ReplyBlocks, token: string): ReplyBlocks {
  const done: ReplyPiece[] = [];
  let next = blocks;
  let from = 0;
  for (;;) {
    const newline = token.indexOf('\n', from);
    const end = newline === -1 ? token.length : newline;
    next = cutChunks({ ...next, line: next.line + token.slice(from, end) }, done);
    if (newline === -1) break;
    from = newline + 1;
    const { line } = next;
    const inFence = FENCE.test(line) ? !next.inFence : next.inFence;
    next =
      !inFence && line.trim() === ''
        ? endBlock({ ...next, inFence }, done)
        : { ...next, inFence, line: '', searchFrom: 0, lines: `${next.lines}${line}\n` };
  }
  return done.length === 0 ? next : { ...next, done: appendToList(next.done, done) };
}
