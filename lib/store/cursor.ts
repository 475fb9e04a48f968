// Keyset cursor for run lists (newest first): opaque to clients, shared by every backend.
import { invalidRequestFor } from '../errors';

export function encodeRunCursor(run: { createdAt: number; channelId: string }): string {
  return Buffer.from(`${run.createdAt}:${run.channelId}`).toString('base64url');
}

export function decodeRunCursor(cursor: string): { createdAt: number; channelId: string } {
  const decoded = Buffer.from(cursor, 'base64url').toString();
  const separator = decoded.indexOf(':');
  const createdAt = Number(decoded.slice(0, separator));
  if (separator < 1 || !Number.isFinite(createdAt))
    throw invalidRequestFor([
      { path: 'query.cursor', message: 'This is not a cursor from a previous answer; leave it out for the first page' },
    ]);
  return { createdAt, channelId: decoded.slice(separator + 1) };
}
