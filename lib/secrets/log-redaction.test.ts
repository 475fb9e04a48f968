import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseConfig } from '../config';
import { installLogRedaction } from './log-redaction';

const originals = { log: console.log, error: console.error };
afterEach(() => {
  Object.assign(console, originals);
  delete (console as unknown as Record<symbol, unknown>)[Symbol.for('dispatch-studio.log-redaction')];
});

describe('log redaction', () => {
  it('replaces configured secrets in every console line, including inside logged objects and errors', () => {
    const printed: string[] = [];
    console.log = vi.fn((line: string) => printed.push(line));
    console.error = vi.fn((line: string) => printed.push(line));
    installLogRedaction(parseConfig({ API_SECRET: 'api-secret-123456', OPENAI_API_KEY: 'sk-openai-abcdef' }));
    console.log('starting with', { key: 'sk-openai-abcdef' });
    console.error(new Error('refused api-secret-123456'));
    expect(printed.join('\n')).not.toMatch(/api-secret-123456|sk-openai-abcdef/);
    expect(printed.join('\n')).toContain('[redacted]');
  });
});
