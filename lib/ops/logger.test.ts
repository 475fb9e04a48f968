import { Writable } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import { createLogger, logInfoAfterAnswer, withLogContext } from './logger';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const raw: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      raw.push(String(chunk));
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { lines, raw, destination };
}

describe('logger', () => {
  it('writes JSON lines at the configured level with the request or run context', () => {
    const { lines, destination } = capture();
    const log = createLogger({ level: 'warn', secrets: [], role: 'worker', pretty: false, destination });
    log.info('not written at warn');
    withLogContext({ channelId: 'c-1' }, () => log.warn({ status: 'failed' }, 'run ended'));
    expect(lines).toEqual([
      expect.objectContaining({
        level: 'warn',
        role: 'worker',
        channelId: 'c-1',
        status: 'failed',
        msg: 'run ended',
      }),
    ]);
  });

  it('replaces configured secrets, also where JSON escaping changed them', () => {
    const { raw, destination } = capture();
    const secrets = ['plain-secret-123', 'quote"secret\\456'];
    const log = createLogger({ level: 'info', secrets, role: 'web', pretty: false, destination });
    log.error(
      { err: new Error('refused plain-secret-123'), header: 'quote"secret\\456' },
      'upstream said no',
    );
    const text = raw.join('');
    expect(text).not.toContain('plain-secret-123');
    expect(text).not.toContain(JSON.stringify('quote"secret\\456').slice(1, -1));
    expect(text.match(/\[redacted\]/g)?.length).toBeGreaterThanOrEqual(3);
  });

  it('logs a line after the answer with the context it was logged in', async () => {
    const { lines, destination } = capture();
    const log = createLogger({ level: 'info', secrets: [], role: 'web', pretty: false, destination });
    withLogContext({ reqId: 'r-1' }, () => logInfoAfterAnswer({ status: 200 }, 'request', log));
    expect(lines).toEqual([]);
    await vi.waitFor(() =>
      expect(lines).toEqual([expect.objectContaining({ reqId: 'r-1', status: 200, msg: 'request' })]),
    );
  });
});
