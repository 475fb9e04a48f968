// A large request (up to ~3 MB of JSON with the largest datasets) is stored in parts of 256 K characters,
// one part per turn of the event loop. SQLite writes a row page by page, and a 4 MB row is ~1,000 page
// writes: 30–100 ms on a slow disk, during which one INSERT would hold the loop. The parts after the
// first are written under a key of their own before the run's row exists, and the row's `parts_key`
// names them, so a run that is refused (queue full, channel in use) removes only its own parts.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { nextLoopTurn } from '../../event-loop';
import type { Statements } from './statements';

export const REQUEST_PART_CHARS = 256 * 1024;

export const REQUEST_PARTS_SCHEMA = `
CREATE TABLE IF NOT EXISTS run_request_parts (
  parts_key TEXT NOT NULL,
  part INTEGER NOT NULL,
  text TEXT NOT NULL,
  PRIMARY KEY (parts_key, part)
);`;

const textRow = z.object({ text: z.string() });

/**
 * Cuts the text every REQUEST_PART_CHARS code units, never between the two halves of a surrogate pair
 * (SQLite stores UTF-8, where half a pair would become U+FFFD). JSON.stringify escapes lone surrogates,
 * so every surrogate in a request's JSON belongs to a pair.
 */
export function splitIntoParts(text: string): string[] {
  const parts: string[] = [];
  let start = 0;
  while (text.length - start > REQUEST_PART_CHARS) {
    let end = start + REQUEST_PART_CHARS;
    const last = text.charCodeAt(end - 1);
    if (last >= 0xd800 && last <= 0xdbff) end -= 1;
    parts.push(text.slice(start, end));
    start = end;
  }
  parts.push(text.slice(start));
  return parts;
}

/** What the run's own row keeps: the first part, and the key of the others (null when there are none). */
export interface StoredRequestHead {
  head: string;
  partsKey: string | null;
}

export class RequestParts {
  constructor(private readonly sql: Statements) {}

  /** Writes every part after the first, each on a turn of its own; what the run's row is to keep. */
  async writeTail(requestJson: string): Promise<StoredRequestHead> {
    const parts = splitIntoParts(requestJson);
    if (parts.length === 1) return { head: requestJson, partsKey: null };
    const partsKey = randomUUID();
    const insert = this.sql.statement(
      'INSERT INTO run_request_parts (parts_key, part, text) VALUES (?, ?, ?)',
    );
    for (let part = 1; part < parts.length; part += 1) {
      await nextLoopTurn();
      insert.run(partsKey, part, parts[part]);
    }
    await nextLoopTurn();
    return { head: parts[0], partsKey };
  }

  /** The whole request: the row's first part and the parts after it, in order. */
  read(head: string, partsKey: string | null): string {
    if (partsKey === null) return head;
    const parts = this.sql
      .query('SELECT text FROM run_request_parts WHERE parts_key = ? ORDER BY part', textRow)
      .all(partsKey);
    return head + parts.map((row) => row.text).join('');
  }

  remove(partsKey: string | null): void {
    if (partsKey !== null)
      this.sql.statement('DELETE FROM run_request_parts WHERE parts_key = ?').run(partsKey);
  }

  /** Parts no run names: left by a process that stopped between writing them and storing its run. */
  removeOrphans(): void {
    this.sql
      .statement(
        'DELETE FROM run_request_parts WHERE parts_key NOT IN (SELECT parts_key FROM run_requests WHERE parts_key IS NOT NULL)',
      )
      .run();
  }
}
