// A POST whose answer streams back (an upstream model's reply), on node:http / node:https with one
// keep-alive agent per origin. The body is handed on chunk by chunk as the socket delivers it, with no
// web streams and no promise per chunk: at a thousand paced runs, fetch's streams and the promises
// behind them were a large part of the server's CPU per token.
import http from 'node:http';
import https from 'node:https';
import { UpstreamConnectionError, UpstreamStatusError, statusErrorDetail } from './errors';

/** Idle kept-alive sockets are closed after this long: before the usual 5 s of upstream servers. */
const FREE_SOCKET_TIMEOUT_MS = 4000;
/** How much of an error answer is read for its message. */
const MAX_ERROR_BODY_BYTES = 64 * 1024;

const AGENTS = Symbol.for('dispatch.upstreamAgents');

/** One agent per origin and process (both module copies under `npm start` share it). */
function agentFor(url: URL): http.Agent {
  const holder = globalThis as { [AGENTS]?: Map<string, http.Agent> };
  const agents = (holder[AGENTS] ??= new Map());
  let agent = agents.get(url.origin);
  if (!agent) {
    const options = { keepAlive: true, timeout: FREE_SOCKET_TIMEOUT_MS };
    agent = url.protocol === 'https:' ? new https.Agent(options) : new http.Agent(options);
    agents.set(url.origin, agent);
  }
  return agent;
}

export interface StreamingPost {
  url: URL;
  headers: Record<string, string>;
  body: string;
  /** Aborting it destroys the request; the promise rejects with the signal's reason. */
  signal: AbortSignal;
  /** Each chunk of a 2xx answer's body; a promise it returns pauses reading until it settles. */
  onBody(chunk: Buffer): void | Promise<void>;
}

const abortReason = (signal: AbortSignal): unknown =>
  signal.reason ?? new DOMException('This operation was aborted', 'AbortError');

/**
 * Sends the POST and feeds the answer to `onBody`; resolves when the answer ended. Rejects with an
 * UpstreamStatusError (an answer other than 2xx), an UpstreamConnectionError (no connection, or it broke
 * mid-answer), whatever `onBody` threw, or the signal's reason.
 */
export function postStreaming(post: StreamingPost): Promise<void> {
  return new Promise((resolve, reject) => {
    if (post.signal.aborted) return reject(abortReason(post.signal));
    send(post, true, resolve, reject);
  });
}

function send(post: StreamingPost, mayRetry: boolean, resolve: () => void, reject: (error: unknown) => void): void {
  const { url, signal } = post;
  const request = (url.protocol === 'https:' ? https : http).request(url, {
    method: 'POST',
    agent: agentFor(url),
    headers: { ...post.headers, 'content-length': Buffer.byteLength(post.body) },
  });
  let answered = false;
  let settled = false;
  const settle = (error?: unknown) => {
    if (settled) return;
    settled = true;
    signal.removeEventListener('abort', onAbort);
    if (error === undefined) return resolve();
    request.destroy();
    reject(error);
  };
  const onAbort = () => settle(abortReason(signal));
  signal.addEventListener('abort', onAbort, { once: true });

  request.on('error', (error: NodeJS.ErrnoException) => {
    if (settled || answered) return;
    // A kept-alive socket the upstream closed while it sat idle: once more, on a new connection.
    if (mayRetry && request.reusedSocket && error.code === 'ECONNRESET') {
      settled = true;
      signal.removeEventListener('abort', onAbort);
      send(post, false, resolve, reject);
      return;
    }
    settle(new UpstreamConnectionError(error.code ?? error.message, false));
  });
  request.on('response', (response) => {
    answered = true;
    response.on('error', (error: NodeJS.ErrnoException) => settle(new UpstreamConnectionError(error.code ?? error.message, true)));
    const status = response.statusCode ?? 0;
    if (status < 200 || status >= 300) {
      readErrorBody(response, (text) => settle(new UpstreamStatusError(status, statusErrorDetail(text), response.headers['retry-after'])));
      return;
    }
    response.on('data', (chunk: Buffer) => {
      if (settled) return;
      let wait: void | Promise<void>;
      try {
        wait = post.onBody(chunk);
      } catch (error) {
        return settle(error);
      }
      if (wait) {
        response.pause();
        wait.then(() => response.resume(), settle);
      }
    });
    response.on('end', () => settle());
  });
  request.end(post.body);
}

function readErrorBody(response: http.IncomingMessage, done: (text: string) => void): void {
  const parts: Buffer[] = [];
  let bytes = 0;
  response.on('data', (chunk: Buffer) => {
    if (bytes < MAX_ERROR_BODY_BYTES) parts.push(chunk);
    bytes += chunk.length;
  });
  response.on('end', () => done(Buffer.concat(parts).toString('utf8', 0, MAX_ERROR_BODY_BYTES)));
}
