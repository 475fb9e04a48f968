// A page on another origin that tries to act on the app the way a malicious site would: `fetch` with
// `mode: 'no-cors'` and a Blob body (no preflight, the cookie goes along), and a plain HTML form POST
// with a JSON-looking text/plain body. Served by a bare node:http server on a port of its own.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface AttackerSite {
  port: number;
  close(): Promise<void>;
}

const page = (target: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Win a prize</title></head>
<body>
<h1>Win a prize</h1>
<script>
  const target = ${JSON.stringify(target)};
  const blob = (value) => new Blob([JSON.stringify(value)]);
  window.attack = async ({ victim, channel }) => {
    const post = (path, body) =>
      fetch(target + path, { method: 'POST', mode: 'no-cors', credentials: 'include', body }).catch(() => undefined);
    await post('/api/v1/conversation/dispatch', blob({ messages: [{ type: 'user', text: 'ATTACK by fetch' }] }));
    await post('/api/runs/' + victim + '/cancel');
    await post('/api/v1/channel/' + channel + '/publish', blob({ message: { approved: true } }));
  };
</script>
<form method="POST" action="${target}/api/v1/conversation/dispatch" enctype="text/plain">
  <input type="hidden" name='{"messages":[{"type":"user","text":"ATTACK by form","x":"' value='"}]}'>
  <button type="submit">Claim</button>
</form>
</body></html>`;

/** Serves the attack page against `target` (the app's origin) on a free port of 127.0.0.1. */
export async function startAttackerSite(target: string): Promise<AttackerSite> {
  const server = http.createServer((request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(page(target));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
