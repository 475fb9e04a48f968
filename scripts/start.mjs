// `npm start`: serves the built app. Without API_SECRET the server listens on 127.0.0.1 only
// unless HOST says otherwise, and says so. Signals are left to the app (NEXT_MANUAL_SIG_HANDLE), which
// drains on SIGTERM (lib/ops/web-drain.ts); this launcher passes them on and exits with the server's code.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import pino from 'pino';

const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
const log = pino({
  // The server validates LOG_LEVEL and names a bad value; the launcher just falls back.
  level: LEVELS.includes(process.env.LOG_LEVEL) ? process.env.LOG_LEVEL : 'info',
  base: { role: 'start', pid: process.pid },
  timestamp: pino.stdTimeFunctions.isoTime,
  formatters: { level: (label) => ({ level: label }) },
});

const port = process.env.PORT || '3000';
const host = process.env.HOST || (process.env.API_SECRET ? '0.0.0.0' : '127.0.0.1');
if (process.env.HOST) {
  log.info({ host, port }, `listening on ${host} (from HOST)`);
} else if (process.env.API_SECRET) {
  log.info(
    { host, port },
    'API_SECRET is set: listening on all interfaces (0.0.0.0); set HOST to change this',
  );
} else {
  log.info({ host, port }, 'API_SECRET is not set: listening on 127.0.0.1 only (set HOST to change this)');
}
if (!existsSync('.next/BUILD_ID')) {
  log.fatal('No build found: run `npm run build` first (or `npm run app` to build and start).');
  process.exit(1);
}
// HOST also tells the server which Host names are its own (lib/http/request-origin.ts).
const child = spawn(process.execPath, ['node_modules/next/dist/bin/next', 'start', '-H', host, '-p', port], {
  stdio: 'inherit',
  env: { ...process.env, HOST: host, NEXT_MANUAL_SIG_HANDLE: 'true' },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
