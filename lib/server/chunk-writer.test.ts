import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChunkSource } from '../channel/chunk-source';
import { writeChunks } from './chunk-writer';

const bytes = (text: string) => new TextEncoder().encode(text);

/** A source of the given chunks, each handed out when its promise (if any) resolves; ended after the last. */
function sourceOf(chunks: (Uint8Array | Promise<Uint8Array>)[]): ChunkSource {
  let index = 0;
  return {
    async next() {
      return index < chunks.length ? chunks[index++] : undefined;
    },
    cancel() {},
    get ended() {
      return index >= chunks.length;
    },
  };
}

/** Counts the socket writes (libuv write requests) the response makes. */
function countSocketWrites(socket: Duplex): () => number {
  let writes = 0;
  const internals = socket as unknown as Record<'_write' | '_writev', (...args: unknown[]) => void>;
  for (const name of ['_write', '_writev'] as const) {
    const original = internals[name].bind(socket);
    internals[name] = (...args: unknown[]) => {
      writes += 1;
      original(...args);
    };
  }
  return () => writes;
}

let server: http.Server | undefined;
afterEach(() => server?.close());

function serve(source: () => ChunkSource, onWrites: (count: number) => void): Promise<string> {
  server = http.createServer((_request, response) => {
    const writes = countSocketWrites(response.socket!);
    response.setHeader('content-type', 'application/jsonl');
    void writeChunks(source(), response).then(() => response.once('finish', () => onWrites(writes())));
  });
  return new Promise((resolve) =>
    server!.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server!.address() as AddressInfo).port}/`),
    ),
  );
}

describe('writeChunks', () => {
  it('sends a source read whole (headers, its lines and the end of the answer) in one socket write', async () => {
    let writes = -1;
    const url = await serve(
      () => sourceOf([bytes('{"a":1}\n{"b":2}\n')]),
      (count) => (writes = count),
    );
    const answer = await fetch(url);
    expect(await answer.text()).toBe('{"a":1}\n{"b":2}\n');
    await expect.poll(() => writes).toBe(1);
  });

  it(
    'sends the headers at once when the first line is not at hand, so the client knows it is connected',
    { timeout: 5_000 },
    async () => {
      let release!: (chunk: Uint8Array) => void;
      const later = new Promise<Uint8Array>((resolve) => (release = resolve));
      const url = await serve(
        () => sourceOf([later, bytes('{"b":2}\n')]),
        () => undefined,
      );
      // The client has the answer's headers before the source gives anything: only then is it released.
      const answer = await fetch(url);
      expect(answer.status).toBe(200);
      release(bytes('{"a":1}\n'));
      expect(await answer.text()).toBe('{"a":1}\n{"b":2}\n');
    },
  );
});
