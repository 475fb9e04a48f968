// Run as a process of its own (openai-engine.test.ts): starts an upstream turn on the reader thread
// against a server that never answers, cancels it, closes the server, and should then exit by itself,
// with no idle reader thread keeping the process alive.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { streamTurnOnThread } from '../../lib/engines/openai/stream-thread';

const server = http.createServer(() => undefined);
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address() as AddressInfo;
const controller = new AbortController();
const turn = streamTurnOnThread(
  { baseUrl: `http://127.0.0.1:${port}/v1`, apiKey: 'test' },
  { model: 'test', messages: [], stream: true },
  { emit: () => undefined, signal: controller.signal, onActivity: () => undefined },
);
setTimeout(() => controller.abort(new Error('cancelled')), 200);
await turn.catch((error: Error) => console.log(`turn ended: ${error.message}`));
server.closeAllConnections();
server.close();
