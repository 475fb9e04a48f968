// `npm start`: serves the built app. Without API_SECRET the server listens on 127.0.0.1 only
// unless HOST says otherwise, and says so.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

const port = process.env.PORT || '3000';
const host = process.env.HOST || (process.env.API_SECRET ? '0.0.0.0' : '127.0.0.1');
if (process.env.HOST) {
  console.log(`[start] listening on ${host} (from HOST).`);
} else if (process.env.API_SECRET) {
  console.log('[start] API_SECRET is set: listening on all interfaces (0.0.0.0); set HOST to change this.');
} else {
  console.log('[start] API_SECRET is not set: listening on 127.0.0.1 only (set HOST to change this).');
}
if (!existsSync('.next/BUILD_ID')) {
  console.error('[start] No build found: run `npm run build` first (or `npm run app` to build and start).');
  process.exit(1);
}
// HOST also tells the server which Host names are its own (lib/http/request-origin.ts).
const child = spawn(process.execPath, ['node_modules/next/dist/bin/next', 'start', '-H', host, '-p', port], {
  stdio: 'inherit',
  env: { ...process.env, HOST: host },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
