// Splits a streamed Markdown reply into finished blocks and the one block still being written, so the
// live view renders each finished block once (memoised) and re-parses only the tail per frame. A block
// ends at a blank line outside a fenced code block. Splitting resumes at the last boundary found, so a
// frame scans only the block being written, not the whole reply.

export interface MarkdownBlocks {
  /** Blocks that can no longer change (a blank line followed them). */
  done: string[];
  /** The block being written (may be partial Markdown). */
  live: string;
  /** Where `live` starts in the text: always a boundary, so never inside a code fence. */
  scanned: number;
}

export const EMPTY_BLOCKS: MarkdownBlocks = { done: [], live: '', scanned: 0 };

const FENCE = /^ {0,3}(```|~~~)/;

/** Extends `previous` (computed for a prefix of `text`) to the whole of `text`. */
export function splitMarkdownBlocks(text: string, previous: MarkdownBlocks = EMPTY_BLOCKS): MarkdownBlocks {
  // A text that does not extend what was split before (a different reply) starts afresh.
  const base = text.length >= previous.scanned ? previous : EMPTY_BLOCKS;
  const done = [...base.done];
  let inFence = false;
  let blockStart = base.scanned;
  let lineStart = base.scanned;
  for (;;) {
    const newline = text.indexOf('\n', lineStart);
    if (newline === -1) break; // the last line is not finished yet
    const line = text.slice(lineStart, newline);
    const blankLineStart = lineStart;
    if (FENCE.test(line)) inFence = !inFence;
    lineStart = newline + 1;
    if (!inFence && line.trim() === '') {
      // The block is everything before the blank line, without the newline that ends its last line.
      const block = text.slice(blockStart, Math.max(blockStart, blankLineStart - 1));
      if (block.trim() !== '') done.push(block);
      blockStart = lineStart;
    }
  }
  return { done, live: text.slice(blockStart), scanned: blockStart };
}

const CHUNK_CHARACTERS = 1_500;
/** A line starting like this is a list, table, heading, quote or fence: it is not cut into chunks. */
const BLOCK_START = /^\s*([#>|*+-]|\d+[.)]|```|~~~)/;

/**
 * The first space at or after `from` that is followed by a letter: a chunk starting there cannot be
 * read as a list, heading, quote or table row of its own.
 */
function safeCut(text: string, from: number): number {
  for (let cut = text.indexOf(' ', from); cut !== -1; cut = text.indexOf(' ', cut + 1)) {
    if (/\p{L}/u.test(text[cut + 1] ?? '')) return cut;
  }
  return -1;
}

/**
 * One long paragraph still being written (a single line of plain text), cut at spaces into chunks of
 * about CHUNK_CHARACTERS, so its finished chunks render once too. Earlier cuts never move as the text
 * grows. Undefined when the text is short or is not a plain paragraph.
 */
export function paragraphChunks(text: string): string[] | undefined {
  if (text.length <= CHUNK_CHARACTERS || text.includes('\n') || BLOCK_START.test(text)) return undefined;
  const chunks: string[] = [];
  let start = 0;
  for (;;) {
    const cut = safeCut(text, start + CHUNK_CHARACTERS);
    if (cut === -1) break;
    chunks.push(text.slice(start, cut));
    start = cut + 1;
  }
  chunks.push(text.slice(start));
  return chunks;
}
