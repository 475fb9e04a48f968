// Every dashboard route (app/api, outside the wire API) answers a method it does not take as the wire API
// does: a JSON 405 naming the methods it takes in Allow, before auth; OPTIONS names the same ones. Read
// from the route files themselves, so a route added without `otherMethods` fails here.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../support/next-server';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
const API_DIR = path.resolve(__dirname, '../../app/api');

/** Each dashboard route: a URL for it (a made-up value for each [param]) and the methods its file exports. */
function dashboardRoutes(): { url: string; taken: string[] }[] {
  const files = fs.readdirSync(API_DIR, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('route.ts'));
  return files
    .filter((file) => !file.startsWith('v1') && !file.includes('[...'))
    .map((file) => {
      const source = fs.readFileSync(path.join(API_DIR, file), 'utf8');
      const taken = METHODS.filter((method) => new RegExp(`^export (const|async function) ${method}\\b`, 'm').test(source));
      const url = `/api/${path.dirname(file).replace(/\[([^\]]+)\]/g, 'made-up-$1')}`.replace(/\/\.$/, '');
      return { url, taken };
    });
}

describe('methods a dashboard route does not take', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ env: { API_SECRET: 'dashboard-methods-secret-0123456789' } });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('get a JSON 405 with Allow, without the secret, on every route', async () => {
    const routes = dashboardRoutes();
    expect(routes.length).toBeGreaterThan(30);
    for (const { url, taken } of routes) {
      expect(taken.length, url).toBeGreaterThan(0);
      for (const method of METHODS.filter((other) => !taken.includes(other))) {
        const response = await fetch(`${server.url}${url}`, { method });
        expect(response.status, `${method} ${url}`).toBe(405);
        expect(response.headers.get('allow'), `${method} ${url}`).toBe(taken.join(', '));
        expect(await response.json()).toEqual({
          code: 'METHOD_NOT_ALLOWED',
          message: `This API path takes ${taken.join(' or ')} only`,
        });
      }
      const options = await fetch(`${server.url}${url}`, { method: 'OPTIONS' });
      expect(options.status, `OPTIONS ${url}`).toBe(204);
      const withNext = [...taken, ...(taken.includes('GET') ? ['HEAD'] : []), 'OPTIONS'];
      expect(options.headers.get('allow'), `OPTIONS ${url}`).toBe(withNext.join(', '));
    }
  });

  it('leave the methods a route takes to it', async () => {
    expect((await fetch(`${server.url}/api/engines`)).status).toBe(401);
    expect((await fetch(`${server.url}/api/health/live`)).status).toBe(200);
    expect((await fetch(`${server.url}/api/health/live`, { method: 'HEAD' })).status).toBe(200);
  });
});
