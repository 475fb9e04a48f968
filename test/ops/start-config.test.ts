// `npm start` reads the validated configuration (lib/config.ts): a bad value stops it before it listens,
// with one line naming the variable, and the address it listens on follows the same rules as the server's
// own Host check.
import { describe, expect, it } from 'vitest';
import { freePort, tempDataDir } from '../support/next-server';
import { startWithNpmStart, waitUntilReady } from '../support/app-process';

describe('npm start and the configuration', () => {
  it('refuses a bad value with a line naming the variable, and exits 1', async () => {
    const app = startWithNpmStart(await freePort(), { MAX_BODY_BYTES: 'lots' });
    expect(await app.exited).toBe(1);
    expect(app.logLines().at(-1)).toMatchObject({
      level: 'fatal',
      msg: expect.stringContaining('MAX_BODY_BYTES'),
    });
  });

  it('listens on the validated PORT and says where', async () => {
    const port = await freePort();
    const app = startWithNpmStart(port, { DATA_DIR: tempDataDir() });
    try {
      await waitUntilReady(`http://127.0.0.1:${port}`, app);
      expect(app.logLines()).toContainEqual(
        expect.objectContaining({ host: '127.0.0.1', port, msg: expect.stringContaining('127.0.0.1 only') }),
      );
    } finally {
      expect(await app.signal('SIGTERM')).toBe(0);
    }
  });
});
