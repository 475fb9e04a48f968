// The raw anchor: a bare node:http server that answers the same dispatch and subscribe calls with the
// same JSONL lines, keeping events in an in-memory array: no store, no framework, no validation.
// It produces tokens the way the app does (awaited one by one, batched per event-loop turn or 512
// events, `RAW_TOKEN_DELAY_MS` between tokens) so the app's figures can be read against it.
// Run as its own process (`tsx bench/raw-anchor.ts`); it prints "listening <port>".
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { BenchSwitches, produceRepeatRun, readBody } from './bench-switches';

const TOKEN_DELAY_MS = Number(process.env.RAW_TOKEN_DELAY_MS ?? 0);
const READ_BATCH = 2_000;

interface Channel {
  lines: string[];
  storedAt: number[];
  ended: boolean;
  waiters: Set<() => void>;
}

const channels = new Map<string, Channel>();

const switches = new BenchSwitches((channelId) => channels.get(channelId)?.storedAt);

function lineOf(seq: number, event: unknown): string {
  return `{"type":"message","id":"${seq}","data":${JSON.stringify(event)}}\n`;
}

function append(channel: Channel, events: unknown[], end = false): void {
  const at = Date.now();
  for (const event of events) {
    channel.lines.push(lineOf(channel.lines.length + 1, event));
    channel.storedAt.push(at);
  }
  if (end) channel.ended = true;
  for (const wake of channel.waiters) wake();
  channel.waiters.clear();
}

async function produce(channel: Channel, tokens: number, gate: Promise<void> | undefined): Promise<void> {
  await gate;
  await produceRepeatRun(tokens, TOKEN_DELAY_MS, (events, end) => append(channel, events, end));
}

async function streamChannel(channel: Channel, response: http.ServerResponse): Promise<void> {
  response.writeHead(200, { 'content-type': 'application/jsonl', 'cache-control': 'no-cache, no-transform' });
  response.flushHeaders();
  let cursor = 0;
  let closed = false;
  response.on('close', () => (closed = true));
  while (!closed) {
    if (cursor < channel.lines.length) {
      const until = Math.min(channel.lines.length, cursor + READ_BATCH);
      const chunk = channel.lines.slice(cursor, until).join('');
      cursor = until;
      if (!response.write(chunk)) await new Promise((resolve) => response.once('drain', resolve));
      continue;
    }
    if (channel.ended) break;
    await new Promise<void>((resolve) => channel.waiters.add(resolve));
  }
  response.end();
}

const server = http.createServer(async (request, response) => {
  const url = request.url ?? '/';
  if (request.method === 'POST' && url === '/api/v1/conversation/dispatch') {
    const body = JSON.parse(await readBody(request)) as { messages: { text: string }[] };
    const tokens = Number(/^repeat (\d+)/.exec(body.messages[0]?.text ?? '')?.[1] ?? 1);
    const channelId = randomUUID();
    const channel: Channel = { lines: [], storedAt: [], ended: false, waiters: new Set() };
    channels.set(channelId, channel);
    const gate = switches.gate;
    setImmediate(() => void produce(channel, tokens, gate));
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ channelId }));
    return;
  }
  const subscribe = /^\/api\/v1\/channel\/([^/]+)\/subscribe$/.exec(url);
  const channel = subscribe && channels.get(subscribe[1]);
  if (request.method === 'POST' && channel) {
    await readBody(request);
    await streamChannel(channel, response);
    return;
  }
  if (switches.handle(request, response)) return;
  response
    .writeHead(404, { 'content-type': 'application/json' })
    .end('{"message":"Not found","code":"NOT_FOUND"}');
});

server.keepAliveTimeout = 60_000;
server.listen({ port: 0, host: '127.0.0.1', backlog: 8192 }, () => {
  const address = server.address() as { port: number };
  console.log(`listening ${address.port}`);
});
