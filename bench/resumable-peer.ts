// A peer in the same run: Vercel's `resumable-stream` on the same Redis, serving the same JSONL lines
// through a minimal node:http handler. Dispatch starts the producer (paced and batched exactly like the
// raw anchor) as a new resumable stream and drains it in the background; every subscriber resumes it,
// which is how that library lets a second client follow a stream. It keeps no history after the
// stream is done, so a late subscriber gets nothing: that case is not measured, and a run waits up to
// 50 ms for its first subscriber.
// Run as its own process (`tsx bench/resumable-peer.ts`); it prints "listening <port>".
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { Redis } from 'ioredis';
import { createResumableStreamContext } from 'resumable-stream/ioredis';
import { BenchSwitches, produceRepeatRun, readBody } from './bench-switches';

const TOKEN_DELAY_MS = Number(process.env.RAW_TOKEN_DELAY_MS ?? 0);
const REDIS_URL = process.env.PEER_REDIS_URL ?? 'redis://127.0.0.1:6379';

const context = createResumableStreamContext({
  waitUntil: null,
  keyPrefix: `bench-peer-${process.pid}`,
  publisher: new Redis(REDIS_URL),
  subscriber: new Redis(REDIS_URL),
});

const storedAt = new Map<string, number[]>();
const switches = new BenchSwitches((channelId) => storedAt.get(channelId));
const awaitingSubscriber = new Map<string, () => void>();
let followersJoined = 0;

const lineOf = (seq: number, event: unknown) =>
  `{"type":"message","id":"${seq}","data":${JSON.stringify(event)}}\n`;

/** The run as a stream of JSONL text: tokens batched per event-loop turn, as the anchor and the app do. */
function produce(channelId: string, tokens: number, gate: Promise<void> | undefined): ReadableStream<string> {
  const times: number[] = [];
  storedAt.set(channelId, times);
  let seq = 0;
  const linesOf = (events: unknown[]) => {
    const at = Date.now();
    return events.map((event) => (times.push(at), lineOf(++seq, event))).join('');
  };
  return new ReadableStream<string>({
    async start(controller) {
      await gate;
      await produceRepeatRun(tokens, TOKEN_DELAY_MS, (events) => controller.enqueue(linesOf(events)));
      controller.close();
    },
  });
}

async function drain(stream: ReadableStream<string>): Promise<void> {
  const reader = stream.getReader();
  while (!(await reader.read()).done);
}

async function pipeTo(stream: ReadableStream<string>, response: http.ServerResponse): Promise<void> {
  response.writeHead(200, { 'content-type': 'application/jsonl', 'cache-control': 'no-cache, no-transform' });
  response.flushHeaders();
  const reader = stream.getReader();
  response.on('close', () => void reader.cancel().catch(() => undefined));
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (!response.write(value)) await new Promise((resolve) => response.once('drain', resolve));
  }
  response.end();
}

const server = http.createServer(async (request, response) => {
  const url = request.url ?? '/';
  if (request.method === 'POST' && url === '/api/v1/conversation/dispatch') {
    const body = JSON.parse(await readBody(request)) as { messages: { text: string }[] };
    const tokens = Number(/^repeat (\d+)/.exec(body.messages[0]?.text ?? '')?.[1] ?? 1);
    const channelId = randomUUID();
    // The library keeps no history once a stream is done, so the run waits (at most 50 ms) for its first
    // subscriber: a short run would otherwise end before anyone could follow it.
    const firstSubscriber = new Promise<void>((resolve) => {
      awaitingSubscriber.set(channelId, resolve);
      setTimeout(resolve, 50);
    });
    const gate = Promise.all([switches.gate, firstSubscriber]).then(() => undefined);
    const stream = await context.createNewResumableStream(channelId, () => produce(channelId, tokens, gate));
    if (stream) void drain(stream);
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ channelId }));
    return;
  }
  const subscribe = /^\/api\/v1\/channel\/([^/]+)\/subscribe$/.exec(url);
  if (request.method === 'POST' && subscribe) {
    await readBody(request);
    // A join can fail inside the library (no answer from the producer within its fixed 1 s): that
    // subscriber gets a 503 and the failure is counted on stderr, rather than the rejection ending the
    // whole process (and every other subscriber with it).
    const stream = await context.resumeExistingStream(subscribe[1]).catch((error: unknown) => {
      console.error(`resume failed: ${error instanceof Error ? error.message : String(error)}`);
      return 'failed' as const;
    });
    awaitingSubscriber.get(subscribe[1])?.();
    awaitingSubscriber.delete(subscribe[1]);
    if (stream === 'failed') {
      response.writeHead(503, { 'content-type': 'application/json' }).end('{"message":"Resume failed"}');
      return;
    }
    if (stream) followersJoined += 1;
    if (!stream) {
      console.error(`resume found no live stream (${stream === null ? 'done' : 'no sentinel'})`);
      response.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"Stream is done"}');
      return;
    }
    await pipeTo(stream, response);
    return;
  }
  // How many subscribers have joined a live stream so far: the fan-out figure waits for all of them
  // before releasing the run, since one joining after the end gets nothing (see the header).
  if (request.method === 'GET' && url === '/bench/followers') {
    response.writeHead(200, { 'content-type': 'application/json' }).end(String(followersJoined));
    return;
  }
  if (switches.handle(request, response)) return;
  response.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"Not found"}');
});

server.keepAliveTimeout = 60_000;
server.listen({ port: 0, host: '127.0.0.1', backlog: 8192 }, () => console.log(`listening ${(server.address() as { port: number }).port}`));
