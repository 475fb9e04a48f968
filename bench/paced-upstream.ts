// An OpenAI-compatible upstream that streams like a real model: PACED_TOKENS content chunks per
// request, one every PACED_DELAY_MS (default 200 tokens at 20 ms = 50 tokens/s). Run as its own process
// so its CPU is not counted as the server's. One timer drives every open stream, so 5,000 streams
// cost the upstream little. Prints "listening <port>".
import http from 'node:http';
import type { AddressInfo } from 'node:net';

const TOKENS = Number(process.env.PACED_TOKENS ?? 200);
const DELAY_MS = Number(process.env.PACED_DELAY_MS ?? 20);

interface OpenStream {
  response: http.ServerResponse;
  sent: number;
  model: string;
}

const streams = new Set<OpenStream>();
const chunk = (model: string, delta: object, finish: string | null = null, usage?: object) =>
  `data: ${JSON.stringify({
    id: 'paced',
    object: 'chat.completion.chunk',
    created: 0,
    model,
    choices: [{ index: 0, delta, finish_reason: finish }],
    ...(usage && { usage }),
  })}\n\n`;

setInterval(() => {
  for (const stream of streams) {
    if (stream.sent < TOKENS) {
      stream.response.write(chunk(stream.model, { content: `w${stream.sent} ` }));
      stream.sent += 1;
      continue;
    }
    stream.response.write(chunk(stream.model, {}, 'stop'));
    stream.response.write(
      chunk(stream.model, {}, null, {
        prompt_tokens: 10,
        completion_tokens: TOKENS,
        total_tokens: TOKENS + 10,
      }),
    );
    stream.response.end('data: [DONE]\n\n');
    streams.delete(stream);
  }
}, DELAY_MS);

const server = http.createServer((request, response) => {
  let body = '';
  request.setEncoding('utf8');
  request.on('data', (part: string) => (body += part));
  request.on('end', () => {
    if (!request.url?.endsWith('/chat/completions')) {
      response.writeHead(404).end();
      return;
    }
    const model = (JSON.parse(body) as { model?: string }).model ?? 'paced';
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    response.write(chunk(model, { role: 'assistant', content: '' }));
    const stream: OpenStream = { response, sent: 0, model };
    streams.add(stream);
    response.on('close', () => streams.delete(stream));
  });
});
server.keepAliveTimeout = 60_000;
server.listen({ port: 0, host: '127.0.0.1', backlog: 8192 }, () => console.log(`listening ${(server.address() as AddressInfo).port}`));
