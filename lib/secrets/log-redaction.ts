// Last line of defence for "no secret in a log line": every console method of the server process
// formats its arguments and replaces configured secret values before printing. Library and framework
// code logs too (an upstream error object can carry a key), so filtering at the source alone is not enough.
import { format } from 'node:util';
import type { AppConfig } from '../config';
import { logLineScrubber, serverSecrets } from './server-secrets';

const INSTALLED = Symbol.for('dispatch-studio.log-redaction');
const METHODS = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;

export function installLogRedaction(config: AppConfig): void {
  const holder = console as Console & { [INSTALLED]?: boolean };
  const scrub = logLineScrubber(serverSecrets(config));
  if (holder[INSTALLED]) return;
  holder[INSTALLED] = true;
  for (const method of METHODS) {
    const original = console[method].bind(console);
    console[method] = (...args: unknown[]) => original(scrub(format(...args)));
  }
}
