// A wire request as API code reads it (ApiRequest), over node's IncomingMessage: its headers are read
// where node keeps them, its URL and body stream are made only when asked for. Handlers see the same
// values a web Request built from it would give them (names case-insensitive, repeated values joined).
import type http from 'node:http';
import type { ApiRequest, ApiRequestHeaders } from '../http/api-request';

const BODYLESS_METHODS = new Set(['GET', 'HEAD']);

/** The request's URL as a route handler sees it (an unusable Host falls back to localhost). */
function requestUrl(request: http.IncomingMessage): string {
  const url = `http://${request.headers.host ?? 'localhost'}${request.url ?? '/'}`;
  return URL.canParse(url) ? url : `http://localhost${request.url ?? '/'}`;
}

/**
 * The request body as a web stream. Cancelling it (a body refused part-way, e.g. past MAX_BODY_BYTES)
 * stops reading without destroying the socket: the answer still goes out, and then the connection is
 * closed rather than reused (wire-server.ts). A client that goes away mid-body errors the stream.
 */
function bodyOf(request: http.IncomingMessage): ReadableStream<Uint8Array> {
  let settled = false;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        const settle = (end: () => void) => {
          if (settled) return;
          settled = true;
          end();
        };
        request.on('data', (chunk: Buffer) => {
          if (settled) return;
          controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
          if ((controller.desiredSize ?? 0) <= 0) request.pause();
        });
        request.once('end', () => settle(() => controller.close()));
        request.once('error', (error) => settle(() => controller.error(error)));
        request.once('close', () => {
          if (!request.complete)
            settle(() => controller.error(Object.assign(new Error('aborted'), { code: 'ECONNRESET' })));
        });
      },
      pull() {
        request.resume();
      },
      cancel() {
        settled = true;
        request.pause();
      },
    },
    { highWaterMark: 1 },
  );
}

/** Node's parsed headers (lower-case names) read like web Headers: a repeated header's values joined. */
class IncomingHeaders implements ApiRequestHeaders {
  constructor(private readonly headers: http.IncomingHttpHeaders) {}

  get(name: string): string | null {
    const value = this.headers[name.toLowerCase()];
    if (value === undefined) return null;
    return Array.isArray(value) ? value.join(', ') : value;
  }

  has(name: string): boolean {
    return this.headers[name.toLowerCase()] !== undefined;
  }
}

export class WireRequest implements ApiRequest {
  readonly method: string;
  readonly headers: IncomingHeaders;
  private madeUrl: string | undefined;
  private madeBody: ReadableStream<Uint8Array> | null | undefined;

  constructor(
    private readonly incoming: http.IncomingMessage,
    readonly signal: AbortSignal,
  ) {
    this.method = incoming.method ?? 'GET';
    this.headers = new IncomingHeaders(incoming.headers);
  }

  get url(): string {
    this.madeUrl ??= requestUrl(this.incoming);
    return this.madeUrl;
  }

  get body(): ReadableStream<Uint8Array> | null {
    if (this.madeBody === undefined)
      this.madeBody = BODYLESS_METHODS.has(this.method) ? null : bodyOf(this.incoming);
    return this.madeBody;
  }
}
