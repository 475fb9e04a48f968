// A small HTTP server that speaks the OpenAI Chat Completions streaming protocol (SSE), for testing the
// openai engine without a network. Each request takes the next script from a queue; every request is
// recorded so tests can check what we sent.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ChunkDelta {
  content?: string;
  reasoning_content?: string;
  tool_calls?: {
    index: number;
    id?: string;
    type?: 'function';
    function?: { name?: string; arguments?: string };
  }[];
}

export type FakeScript =
  | {
      kind: 'stream';
      deltas: ChunkDelta[];
      /** Sends the deltas this far apart, as a model paces them (all at once without it). */
      gapMs?: number;
      finishReason?: string;
      usage?: { prompt_tokens: number; completion_tokens: number };
    }
  | { kind: 'status'; status: number; headers?: Record<string, string>; body?: unknown }
  /** Sends these deltas, then destroys the connection mid-stream. */
  | { kind: 'cut'; deltas: ChunkDelta[] }
  /** Accepts the request and never answers. */
  | { kind: 'hang' }
  /** Writes these pieces of the body as they are (raw SSE), each after `gapMs`, then ends. */
  | { kind: 'raw'; parts: (string | Buffer)[]; gapMs?: number }
  /** Resets the connection on receiving the request, without answering. */
  | { kind: 'reset' };

export interface RecordedRequest {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: Record<string, unknown>;
  /** Set when the client closed the request before we answered (e.g. a cancel). */
  closedEarly: boolean;
  /** The client's port: the same on two requests when a kept-alive connection was reused. */
  remotePort: number | undefined;
}

export const textReply = (text: string, usage = { prompt_tokens: 11, completion_tokens: 5 }): FakeScript => ({
  kind: 'stream',
  deltas: text.split(/(?<= )/).map((content) => ({ content })),
  usage,
});

/** A tool call whose id, name and arguments arrive split across several chunks, as real servers do. */
export function toolCallReply(calls: { id: string; name: string; arguments: string }[]): FakeScript {
  const deltas: ChunkDelta[] = [];
  calls.forEach((call, index) => {
    const half = Math.ceil(call.name.length / 2);
    deltas.push({
      tool_calls: [
        { index, id: call.id, type: 'function', function: { name: call.name.slice(0, half), arguments: '' } },
      ],
    });
    deltas.push({ tool_calls: [{ index, function: { name: call.name.slice(half) } }] });
    for (let start = 0; start < call.arguments.length; start += 4) {
      deltas.push({
        tool_calls: [{ index, function: { arguments: call.arguments.slice(start, start + 4) } }],
      });
    }
  });
  return {
    kind: 'stream',
    deltas,
    finishReason: 'tool_calls',
    usage: { prompt_tokens: 20, completion_tokens: 7 },
  };
}

const chunk = (delta: ChunkDelta, finishReason: string | null = null, usage?: unknown) =>
  `data: ${JSON.stringify({
    id: 'chatcmpl-fake',
    object: 'chat.completion.chunk',
    created: 0,
    model: 'fake',
    choices: usage ? [] : [{ index: 0, delta, finish_reason: finishReason }],
    ...(usage ? { usage } : {}),
  })}\n\n`;

export interface FakeOpenAi {
  url: string;
  requests: RecordedRequest[];
  enqueue(...scripts: FakeScript[]): void;
  close(): Promise<void>;
}

export async function startFakeOpenAi(
  fallback: FakeScript = textReply('Hello from the fake model.'),
  /** 0 picks a free port; a fixed one lets another process (the e2e servers) be configured with it. */
  port = 0,
): Promise<FakeOpenAi> {
  const queue: FakeScript[] = [];
  const requests: RecordedRequest[] = [];
  const server = http.createServer(async (request, response) => {
    let text = '';
    for await (const part of request) text += part;
    const recorded: RecordedRequest = {
      path: request.url ?? '',
      headers: request.headers,
      body: JSON.parse(text || '{}'),
      closedEarly: false,
      remotePort: request.socket.remotePort,
    };
    requests.push(recorded);
    response.on('close', () => {
      if (!response.writableFinished) recorded.closedEarly = true;
    });
    const script = queue.shift() ?? fallback;
    if (script.kind === 'hang') return;
    if (script.kind === 'reset') {
      request.socket.resetAndDestroy();
      return;
    }
    if (script.kind === 'status') {
      response.writeHead(script.status, { 'content-type': 'application/json', ...script.headers });
      response.end(JSON.stringify(script.body ?? { error: { message: `status ${script.status}` } }));
      return;
    }
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    if (script.kind === 'raw') {
      for (const part of script.parts) {
        if (script.gapMs) await new Promise((resolve) => setTimeout(resolve, script.gapMs));
        response.write(part);
      }
      response.end();
      return;
    }
    for (const delta of script.deltas) {
      if (script.kind === 'stream' && script.gapMs) await new Promise((resolve) => setTimeout(resolve, script.gapMs));
      response.write(chunk(delta));
    }
    if (script.kind === 'cut') {
      await new Promise((resolve) => setTimeout(resolve, 20));
      response.socket?.destroy();
      return;
    }
    response.write(chunk({}, script.finishReason ?? 'stop'));
    response.write(chunk({}, null, script.usage ?? { prompt_tokens: 1, completion_tokens: 1 }));
    response.end('data: [DONE]\n\n');
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const { port: boundPort } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${boundPort}/v1`,
    requests,
    enqueue: (...scripts) => queue.push(...scripts),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
