import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './config';

describe('demo-mode configuration', () => {
  it('keeps untaken published messages an hour by default and accepts another positive time', () => {
    expect(parseConfig({}).PUBLISH_MESSAGE_TTL_MS).toBe(60 * 60 * 1000);
    expect(parseConfig({ PUBLISH_MESSAGE_TTL_MS: '5000' }).PUBLISH_MESSAGE_TTL_MS).toBe(5000);
    expect(() => parseConfig({ PUBLISH_MESSAGE_TTL_MS: '0' })).toThrow(/PUBLISH_MESSAGE_TTL_MS/);
  });

  it('refuses a share-link key shorter than 32 characters, naming the variable', () => {
    expect(parseConfig({}).SHARE_SECRET).toBeUndefined();
    expect(parseConfig({ SHARE_SECRET: 'x'.repeat(32) }).SHARE_SECRET).toBe('x'.repeat(32));
    expect(() => parseConfig({ SHARE_SECRET: 'short' })).toThrow(ConfigError);
    expect(() => parseConfig({ SHARE_SECRET: 'short' })).toThrow(/SHARE_SECRET: Use at least 32 characters/);
  });

  it('runs many remote-engine runs at once by default, fewer local ones, and keeps a value that is set', () => {
    expect(parseConfig({}).MAX_CONCURRENT_RUNS).toBe(100);
    expect(parseConfig({ ENGINE: 'openai' }).MAX_CONCURRENT_RUNS).toBe(1000);
    expect(parseConfig({ ENGINE: 'chatbotkit' }).MAX_CONCURRENT_RUNS).toBe(1000);
    expect(parseConfig({ ENGINE: 'openai', MAX_CONCURRENT_RUNS: '8' }).MAX_CONCURRENT_RUNS).toBe(8);
    expect(() => parseConfig({ MAX_CONCURRENT_RUNS: '0' })).toThrow(/MAX_CONCURRENT_RUNS/);
  });
});
