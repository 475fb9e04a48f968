// The switches the raw anchor and the resumable-stream peer share with the benchmark: hold new runs
// (POST /bench/hold … /bench/release, like a busy queue) and tell when each event of a channel was
// produced (GET /bench/stored-at/{channelId}). Also their request body reader.
import type http from 'node:http';

export async function readBody(request: http.IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of request) body += chunk;
  return body;
}

export class BenchSwitches {
  private hold: { opened: Promise<void>; open: () => void } | undefined;

  constructor(private readonly storedAtOf: (channelId: string) => number[] | undefined) {}

  /** The gate a run created now waits behind (undefined when runs are not held). */
  get gate(): Promise<void> | undefined {
    return this.hold?.opened;
  }

  /** Answers the request when it is one of the switches; says whether it did. */
  handle(request: http.IncomingMessage, response: http.ServerResponse): boolean {
    const url = request.url ?? '/';
    if (request.method === 'POST' && url === '/bench/hold') {
      let open = () => {};
      const opened = new Promise<void>((resolve) => (open = resolve));
      this.hold = { opened, open };
      response.writeHead(204).end();
      return true;
    }
    if (request.method === 'POST' && url === '/bench/release') {
      this.hold?.open();
      this.hold = undefined;
      response.writeHead(204).end();
      return true;
    }
    const storedAt = /^\/bench\/stored-at\/([^/]+)$/.exec(url);
    const times = storedAt && this.storedAtOf(storedAt[1]);
    if (request.method === 'GET' && times) {
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(times));
      return true;
    }
    return false;
  }
}

const MAX_BUFFERED_EVENTS = 512;

/**
 * Produces a `repeat N` run the way the app does: tokens awaited one by one (`delayMs` apart), handed
 * to `write` in batches per event-loop turn or 512 events, then the closing events (`write(…, true)`).
 */
export async function produceRepeatRun(
  tokens: number,
  delayMs: number,
  write: (events: unknown[], end?: boolean) => void,
): Promise<void> {
  let buffer: unknown[] = [{ type: 'completeBegin', data: {} }];
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    const batch = buffer;
    buffer = [];
    if (batch.length > 0) write(batch);
  };
  const parts: string[] = [];
  for (let index = 1; index <= tokens; index += 1) {
    if (index > 1 && delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
    const token = ` token${index}`;
    buffer.push({ type: 'token', data: { token } });
    parts.push(token);
    if (buffer.length >= MAX_BUFFERED_EVENTS) {
      flush();
      await new Promise<void>((resolve) => setImmediate(resolve));
    } else if (!scheduled) {
      scheduled = true;
      setImmediate(flush);
    }
  }
  flush();
  const text = parts.join('');
  write(
    [
      { type: 'message', data: { type: 'bot', text } },
      { type: 'usage', data: { model: 'local', inputTokensUsed: 2, outputTokensUsed: tokens } },
      { type: 'result', data: { text, usage: { token: tokens }, end: { reason: 'stop' } } },
      { type: 'completeEnd', data: {} },
    ],
    true,
  );
}
