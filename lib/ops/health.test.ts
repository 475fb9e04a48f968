import { afterEach, describe, expect, it } from 'vitest';
import { checkReadiness, readinessResponse } from './health';

const STATE_KEY = Symbol.for('dispatch-studio.drain-state');
afterEach(() => {
  delete (globalThis as Record<symbol, unknown>)[STATE_KEY];
});

const runtimeWith = (checks: { name: string; check(): Promise<void> }[]) => async () => ({
  readinessChecks: checks,
});

describe('readiness', () => {
  it('is 503 naming the part that hangs past the timeout, and only that part', async () => {
    const report = await checkReadiness(
      runtimeWith([
        { name: 'store', check: async () => undefined },
        { name: 'queue', check: () => new Promise<void>(() => undefined) },
      ]),
      50,
    );
    expect(report).toEqual({ status: 'not ready', checks: { store: 'ok', queue: 'not answering' } });
    const response = readinessResponse(report);
    expect(response.status).toBe(503);
    expect((await response.json()).message).toBe('Not ready: queue not answering');
  });

  it('is 503 while the runtime has not started', async () => {
    const report = await checkReadiness(() => new Promise(() => undefined), 50);
    expect(readinessResponse(report).status).toBe(503);
    expect(report.status).toBe('starting');
  });

  it('is 503 once the process drains, even when every part answers', async () => {
    const { startDraining } = await import('./drain-state');
    startDraining();
    const report = await checkReadiness(runtimeWith([{ name: 'store', check: async () => undefined }]));
    expect(report.status).toBe('shutting down');
    expect((await readinessResponse(report).json()).message).toBe('Not ready: this server is shutting down');
  });
});
