// The raw anchor: a bare node:http server that answers the same dispatch and subscribe calls with the
// same JSONL lines, keeping events in an in-memory array: no store, no framework, no validation.
// It produces tokens the way the app does (batched per event-loop turn or 512 events, due
// `RAW_TOKEN_DELAY_MS` apart on the run's own clock) so the app's figures can be read against it. With
// `RAW_UPSTREAM_URL` (an OpenAI-compatible base URL) it relays a streamed chat completion instead, as
// the app's openai engine does, with no client library: the capacity figure's anchor.
// Run as its own process (`tsx bench/raw-anchor.ts`); it prints "listening <port>".
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { BenchSwitches, produceRepeatRun, readBody, RunProducer } from './bench-switches';

const TOKEN_DELAY_MS = Number(process.env.RAW_TOKEN_DELAY_MS ?? 0);
const UPSTREAM_URL = process.env.RAW_UPSTREAM_URL;
const upstreamAgent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
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

/** Streams a chat completion from the upstream and hands each content delta on as a token. */
function relayUpstream(write: (events: unknown[], end?: boolean) => void): Promise<void> {
  const run = new RunProducer(write);
  return new Promise((resolve, reject) => {
    const request = http.request(
      `${UPSTREAM_URL}/chat/completions`,
      { method: 'POST', agent: upstreamAgent, headers: { 'content-type': 'application/json' } },
      (response) => {
        let pending = '';
        response.setEncoding('utf8');
        response.on('data', (text: string) => {
          const frames = (pending + text).split('\n\n');
          pending = frames.pop() ?? '';
          for (const frame of frames) {
            const data = frame.startsWith('data: ') ? frame.slice(6) : '';
            if (!data || data === '[DONE]') continue;
            const content = (JSON.parse(data) as { choices?: { delta?: { content?: string } }[] })
              .choices?.[0]?.delta?.content;
            if (content) run.token(content);
          }
        });
        response.on('end', () => {
          run.end();
          resolve();
        });
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(
      JSON.stringify({
        model: 'paced',
        stream: true,
        messages: [{ role: 'user', content: 'Tell me a story' }],
      }),
    );
  });
}

async function produce(channel: Channel, tokens: number, gate: Promise<void> | undefined): Promise<void> {
  await gate;
  const write = (events: unknown[], end?: boolean) => append(channel, events, end);
  if (UPSTREAM_URL) await relayUpstream(write);
  else await produceRepeatRun(tokens, TOKEN_DELAY_MS, write);
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
