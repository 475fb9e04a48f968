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
 * Turns tokens into a run's events the way the app does: handed to `write` in batches per event-loop
 * turn or 512 events (completeBegin first), then the closing events on `end` (`write(…, true)`).
 * `token` returns a promise only when a full batch was written, so an awaiting producer yields.
 */
export class RunProducer {
  private buffer: unknown[] = [{ type: 'completeBegin', data: {} }];
  private scheduled = false;
  private readonly parts: string[] = [];

  constructor(private readonly write: (events: unknown[], end?: boolean) => void) {}

  token(token: string): Promise<void> | undefined {
    this.buffer.push({ type: 'token', data: { token } });
    this.parts.push(token);
    if (this.buffer.length >= MAX_BUFFERED_EVENTS) {
      this.flush();
      return new Promise<void>((resolve) => setImmediate(resolve));
    }
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(this.flush);
    }
    return undefined;
  }

  end(): void {
    this.flush();
    const text = this.parts.join('');
    const tokens = this.parts.length;
    this.write(
      [
        { type: 'message', data: { type: 'bot', text } },
        { type: 'usage', data: { model: 'local', inputTokensUsed: 2, outputTokensUsed: tokens } },
        { type: 'result', data: { text, usage: { token: tokens }, end: { reason: 'stop' } } },
        { type: 'completeEnd', data: {} },
      ],
      true,
    );
  }

  private readonly flush = () => {
    this.scheduled = false;
    const batch = this.buffer;
    this.buffer = [];
    if (batch.length > 0) this.write(batch);
  };
}

/**
 * Produces a `repeat N` run paced the way the app's local engine paces it: token n is due
 * `(n - 1) × delayMs` after the first, on the run's own clock, and a producer that comes late (its timer
 * fired late on a busy loop) emits every token due by then, as a model's tokens keep coming while a
 * server is busy. A producer that instead waited `delayMs` after each late token would stretch the run
 * on a busy server and lighten its own load, so its lag would not be comparable with the app's.
 */
export async function produceRepeatRun(
  tokens: number,
  delayMs: number,
  write: (events: unknown[], end?: boolean) => void,
): Promise<void> {
  const run = new RunProducer(write);
  const startedAt = performance.now();
  for (let index = 1; index <= tokens; index += 1) {
    const wait = startedAt + (index - 1) * delayMs - performance.now();
    if (delayMs > 0 && wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const full = run.token(` token${index}`);
    if (full) await full;
  }
  run.end();
}
