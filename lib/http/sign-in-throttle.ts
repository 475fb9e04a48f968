// Slows down guessing the API secret at the sign-in page: after MAX_FAILURES wrong secrets from one
// client within WINDOW_MS, sign-in answers 429 with Retry-After until the oldest failure ages out.
import { ApiError } from '../errors';

const MAX_FAILURES = 10;
const WINDOW_MS = 60_000;
/** Forget the least recently seen clients beyond this, so the map stays bounded. */
const MAX_CLIENTS = 10_000;

export class SignInThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Throws 429 when the client has used up its attempts. */
  check(client: string): void {
    const recent = this.recentFailures(client);
    if (recent.length < MAX_FAILURES) return;
    const retryAfterSeconds = Math.max(1, Math.ceil((recent[0] + WINDOW_MS - this.now()) / 1000));
    throw new ApiError('TOO_MANY_REQUESTS', 'Too many wrong secrets; try again shortly', { retryAfterSeconds });
  }

  recordFailure(client: string): void {
    const recent = this.recentFailures(client);
    recent.push(this.now());
    this.failures.delete(client);
    this.failures.set(client, recent);
    if (this.failures.size > MAX_CLIENTS) this.failures.delete(this.failures.keys().next().value as string);
  }

  private recentFailures(client: string): number[] {
    const cutoff = this.now() - WINDOW_MS;
    return (this.failures.get(client) ?? []).filter((at) => at > cutoff);
  }
}

/** The client as the proxy in front of us saw it (Next sets x-forwarded-for to the socket's address). */
export function clientOf(request: Request): string {
  return request.headers.get('x-forwarded-for')?.split(',')[0].trim() || 'unknown';
}

const THROTTLE_KEY = Symbol.for('dispatch-studio.sign-in-throttle');

/** One throttle per process (route modules may be bundled more than once). */
export function signInThrottle(): SignInThrottle {
  const holder = globalThis as typeof globalThis & { [THROTTLE_KEY]?: SignInThrottle };
  holder[THROTTLE_KEY] ??= new SignInThrottle();
  return holder[THROTTLE_KEY];
}
