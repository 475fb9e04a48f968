// What API code reads of a request. Next hands route handlers a web Request, which has all of it; the
// lean wire server hands them a view over node's own request (lib/server/wire-request.ts) that builds
// nothing it is not asked for: a web Request with its Headers, signal and body stream cost each wire
// request some 0.1 ms before any handler ran.
/** The headers API code reads (web Headers have these and more). */
export type ApiRequestHeaders = Pick<Headers, 'get' | 'has'>;

export interface ApiRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: ApiRequestHeaders;
  /** Aborted when the client goes away before the answer is sent. */
  readonly signal: AbortSignal;
  /** The same without making a signal, where the request can tell (the wire server's). */
  readonly clientLeft?: boolean;
  readonly body: ReadableStream<Uint8Array> | null;
  /**
   * The whole body straight from the connection, when the request can give it without a web stream (the
   * wire server's): undefined once it passed `maxBytes` (reading stops there); rejects when the client
   * went away before its end.
   */
  readBody?(maxBytes: number): Promise<Buffer | undefined>;
}

/** Whether the client went away before its answer was sent. */
export const clientLeft = (request: ApiRequest): boolean => request.clientLeft ?? request.signal.aborted;
