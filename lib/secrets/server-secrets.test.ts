import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config';
import { RunRedactor } from './redact';
import { logLineScrubber, serverSecrets } from './server-secrets';

const SECRETS = {
  API_SECRET: 'api-secret-one-1234, api-secret-two-5678',
  SESSION_SECRET: 'session-secret-abcdef',
  SHARE_SECRET: 'share-secret-'.padEnd(32, 'x'),
  OPENAI_API_KEY: 'sk-openai-key-abcdef',
  CHATBOTKIT_API_KEY: 'cbk-key-abcdef',
  WEBHOOK_URL: 'http://127.0.0.1:9/hook',
  WEBHOOK_SECRET: `whsec_${Buffer.alloc(24, 7).toString('base64')}`,
  METRICS_TOKEN: 'metrics-token-abcdef',
  REDIS_URL: 'redis://default:redis-pass%2Fword@127.0.0.1:6379',
};
const config = parseConfig(SECRETS);

describe('the server’s secrets', () => {
  it('are every secret setting, each API secret on its own, and the password in REDIS_URL', () => {
    expect(serverSecrets(config).sort()).toEqual(
      [
        'api-secret-one-1234',
        'api-secret-two-5678',
        SECRETS.SESSION_SECRET,
        SECRETS.SHARE_SECRET,
        SECRETS.OPENAI_API_KEY,
        SECRETS.CHATBOTKIT_API_KEY,
        SECRETS.WEBHOOK_SECRET,
        SECRETS.METRICS_TOKEN,
        'redis-pass/word',
      ].sort(),
    );
    expect(serverSecrets(parseConfig({}))).toEqual([]);
  });

  it('are replaced in a run’s events and in log lines alike', () => {
    const redactor = new RunRedactor(serverSecrets(config), { messages: [{ type: 'user', text: 'hi' }] });
    const scrubLine = logLineScrubber(serverSecrets(config));
    for (const secret of serverSecrets(config)) {
      const [event] = redactor.push({ type: 'error', data: { message: `upstream said ${secret}` } });
      expect(JSON.stringify(event)).not.toContain(secret);
      expect(scrubLine(JSON.stringify({ msg: `upstream said ${secret}` }))).not.toContain(secret);
    }
  });
});
