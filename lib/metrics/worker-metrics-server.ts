// A worker process has no Next server: with METRICS_PORT it answers GET /metrics itself, with the
// same authorization as /api/metrics, so each process of the Redis layout is scraped on its own.
import http from 'node:http';
import type { AppConfig } from '../config';
import { authorizeMetricsScrape } from './metrics-auth';
import { processMetrics } from './registry';

export function serveWorkerMetrics(config: AppConfig, port: number): http.Server {
  const server = http.createServer(async (request, response) => {
    if (request.method !== 'GET' || request.url !== '/metrics') {
      response
        .writeHead(404, { 'content-type': 'application/json' })
        .end('{"message":"Not found","code":"NOT_FOUND"}');
      return;
    }
    try {
      authorizeMetricsScrape(request.headers.authorization, config);
    } catch {
      response.writeHead(401, { 'content-type': 'application/json' });
      response.end(
        '{"message":"Missing or wrong secret: send Authorization: Bearer <secret>","code":"UNAUTHORIZED"}',
      );
      return;
    }
    const { registry } = processMetrics();
    response.writeHead(200, { 'content-type': registry.contentType }).end(await registry.metrics());
  });
  server.listen(port, config.HOST ?? '127.0.0.1');
  return server;
}
