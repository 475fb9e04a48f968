// The web process of `npm start` (scripts/start.mjs): one node:http server, in which the wire API (/api/v1)
// is answered by the lean wire server (wire-server.ts) and everything else (pages, the dashboard API,
// static files) by Next's request handler (Next's custom-server API, the same pipeline as `next start`:
// next.config.mjs headers, proxy.ts, instrumentation.ts). Settings come from the validated config.
import { existsSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import next from 'next';
import { bindAddress, ConfigError, getConfig, type AppConfig } from '../config';
import { assertDataDirFree } from '../ops/data-dir';
import { getLogger } from '../ops/logger';
import { installRequestGuards } from './request-guards';
import { serveWireRequest } from './wire-server';

function announceAddress(config: AppConfig, host: string): void {
  const fields = { host, port: config.PORT };
  if (config.HOST) getLogger().info(fields, `listening on ${host} (from HOST)`);
  else if (config.API_SECRET)
    getLogger().info(
      fields,
      'API_SECRET is set: listening on all interfaces (0.0.0.0); set HOST to change this',
    );
  else
    getLogger().info(fields, 'API_SECRET is not set: listening on 127.0.0.1 only (set HOST to change this)');
}

/**
 * Connections the kernel may hold before they are accepted (Node's default is 511): a burst of thousands of
 * clients at once (a batch dispatching and subscribing) would otherwise see resets. Capped by somaxconn.
 */
const LISTEN_BACKLOG = 8192;

/**
 * Why the server cannot listen, as a sentence for the operator: an address that is taken or not this
 * machine's is a setting to change (PORT, HOST), not a crash. Left alone, the error left a process that
 * had started its store and threads running without a server, until killed.
 */
function listenProblem(error: NodeJS.ErrnoException, host: string, port: number): Error {
  const where = `${host}:${port}`;
  if (error.code === 'EADDRINUSE')
    return new ConfigError(
      `Port ${port} on ${host} is already in use: stop what is using it, or set PORT to another port`,
    );
  if (error.code === 'EACCES')
    return new ConfigError(`Not allowed to listen on ${where}: use a port above 1023, or set PORT to one`);
  if (error.code === 'EADDRNOTAVAIL')
    return new ConfigError(`${host} is not an address of this machine: set HOST to one of its addresses`);
  return error;
}

/** Starts serving; throws ConfigError for a bad environment. Returns the server once it listens. */
export async function startWebServer(dir = process.cwd()): Promise<http.Server | undefined> {
  const config = getConfig();
  const host = bindAddress(config);
  announceAddress(config, host);
  if (!existsSync(path.join(dir, '.next', 'BUILD_ID'))) {
    getLogger().fatal('No build found: run `npm run build` first (or `npm run app` to build and start).');
    process.exitCode = 1;
    return undefined;
  }
  // Before Next loads the app, which opens the store and recovers runs: not while another server uses them.
  if (!config.REDIS_URL) assertDataDirFree(config.DATA_DIR);
  // Before any request: the guards wrap every server of the process (instrumentation.ts installs them too).
  installRequestGuards(config);
  const nextApp = next({ dev: false, dir, hostname: host, port: config.PORT });
  const handleByNext = nextApp.getRequestHandler();
  await nextApp.prepare();
  const server = http.createServer((request, response) => {
    if (!serveWireRequest(request, response)) void handleByNext(request, response);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) => reject(listenProblem(error, host, config.PORT)));
    server.listen({ port: config.PORT, host, backlog: LISTEN_BACKLOG }, () => resolve());
  });
  getLogger().info({ host, port: config.PORT }, `ready on http://${host}:${config.PORT}`);
  return server;
}
