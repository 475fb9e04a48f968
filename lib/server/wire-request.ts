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

/**
 * The whole body read from node's request, without a web stream (whose controller, queue and reader
 * promises cost a small dispatch more than the read itself). Past `maxBytes` it stops reading, without
 * destroying the socket, and resolves undefined: the refusal still goes out, then the connection is
 * closed rather than reused (wire-server.ts). A client that goes away mid-body rejects it.
 */
function readWholeBody(request: http.IncomingMessage, maxBytes: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const onData = (chunk: Buffer) => {
      total += chunk.byteLength;
      if (total <= maxBytes) return void chunks.push(chunk);
      stop();
      request.pause();
      resolve(undefined);
    };
    const onEnd = () => {
      stop();
      resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total));
    };
    const onClose = () => {
      if (request.complete) return;
      stop();
      reject(Object.assign(new Error('aborted'), { code: 'ECONNRESET' }));
    };
    const onError = (error: Error) => {
      stop();
      reject(error);
    };
    const stop = () => {
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('close', onClose);
      request.off('error', onError);
    };
    request.on('data', onData);
    request.on('end', onEnd);
    request.on('close', onClose);
    request.on('error', onError);
  });
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

/**
 * Whether the client went away before its answer was sent. The AbortSignal is made only for code that
 * asks for one (a completion streamed in the request): most wire requests only ever ask `left`.
 */
export class ClientPresence {
  private gone = false;
  private controller: AbortController | undefined;

  get left(): boolean {
    return this.gone;
  }

  get signal(): AbortSignal {
    if (!this.controller) {
      this.controller = new AbortController();
      if (this.gone) this.controller.abort();
    }
    return this.controller.signal;
  }

  leave(): void {
    this.gone = true;
    this.controller?.abort();
  }
}

export class WireRequest implements ApiRequest {
  readonly method: string;
  readonly headers: IncomingHeaders;
  private madeUrl: string | undefined;
  private madeBody: ReadableStream<Uint8Array> | null | undefined;

  constructor(
    private readonly incoming: http.IncomingMessage,
    private readonly client: ClientPresence,
  ) {
    this.method = incoming.method ?? 'GET';
    this.headers = new IncomingHeaders(incoming.headers);
  }

  get signal(): AbortSignal {
    return this.client.signal;
  }

  get clientLeft(): boolean {
    return this.client.left;
  }

  get url(): string {
    this.madeUrl ??= requestUrl(this.incoming);
    return this.madeUrl;
  }

  /** Read either this way or through `body`, once. */
  readBody(maxBytes: number): Promise<Buffer | undefined> {
    if (BODYLESS_METHODS.has(this.method)) return Promise.resolve(Buffer.alloc(0));
    return readWholeBody(this.incoming, maxBytes);
  }

  get body(): ReadableStream<Uint8Array> | null {
    if (this.madeBody === undefined)
      this.madeBody = BODYLESS_METHODS.has(this.method) ? null : bodyOf(this.incoming);
    return this.madeBody;
  }
}
