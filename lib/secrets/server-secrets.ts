// Which values are secret: every secret the server is configured with, in one list. Run events
// (lib/runs/run-engine.ts), the logger and the console (log-redaction.ts) all redact this list.
import type { AppConfig } from '../config';
import { apiSecrets } from './api-secrets';
import { secretScrubber } from './redact';

/** The settings whose values are secrets, besides API_SECRET (a comma-separated list of them). */
const SECRET_SETTINGS = [
  'SESSION_SECRET',
  'SHARE_SECRET',
  'OPENAI_API_KEY',
  'CHATBOTKIT_API_KEY',
  'WEBHOOK_SECRET',
  'METRICS_TOKEN',
] as const;

/** The settings that are addresses and may carry a password (redis://user:password@host). */
const ADDRESS_SETTINGS = ['REDIS_URL'] as const;

export type SecretSettings = Pick<
  AppConfig,
  'API_SECRET' | (typeof SECRET_SETTINGS)[number] | (typeof ADDRESS_SETTINGS)[number]
>;

function passwordIn(address: string | undefined): string | undefined {
  if (!address) return undefined;
  try {
    const password = new URL(address).password;
    return password ? decodeURIComponent(password) : undefined;
  } catch {
    return undefined;
  }
}

/** Every secret value the server is configured with. */
export function serverSecrets(config: SecretSettings): string[] {
  return [
    ...apiSecrets(config),
    ...SECRET_SETTINGS.map((setting) => config[setting]),
    ...ADDRESS_SETTINGS.map((setting) => passwordIn(config[setting])),
  ].filter((value): value is string => value !== undefined);
}

/** Replaces the server's secrets in a log line, where they appear raw or JSON-escaped. */
export function logLineScrubber(secrets: readonly string[]): (line: string) => string {
  return secretScrubber([...secrets, ...secrets.map((secret) => JSON.stringify(secret).slice(1, -1))]);
}
