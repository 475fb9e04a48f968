// Slows down guessing the API secret: after a number of wrong secrets from one client within WINDOW_MS,
// that client gets 429 with Retry-After (even for the right secret) until the oldest failure ages out.
// Sign-in allows 10 a minute; Bearer API calls, which programs retry on their own, 60 (one a second).
import { ApiError } from '../errors';

export const SIGN_IN_MAX_FAILURES = 10;
export const BEARER_MAX_FAILURES = 60;
const WINDOW_MS = 60_000;
/** Forget the least recently seen clients beyond this, so the map stays bounded. */
const MAX_CLIENTS = 10_000;

export class SignInThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly maxFailures = SIGN_IN_MAX_FAILURES,
  ) {}

  /** Throws 429 when the client has used up its attempts. */
  check(client: string): void {
    const recent = this.recentFailures(client);
    if (recent.length < this.maxFailures) return;
    const retryAfterSeconds = Math.max(1, Math.ceil((recent[0] + WINDOW_MS - this.now()) / 1000));
    throw new ApiError('TOO_MANY_REQUESTS', 'Too many wrong secrets; try again shortly', {
      retryAfterSeconds,
    });
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

type ThrottleHolder = typeof globalThis & { [key: symbol]: SignInThrottle | undefined };

/** One throttle of each kind per process (route modules may be bundled more than once). */
function processThrottle(name: string, maxFailures: number): SignInThrottle {
  const key = Symbol.for(`dispatch-studio.${name}-throttle`);
  const holder = globalThis as ThrottleHolder;
  holder[key] ??= new SignInThrottle(Date.now, maxFailures);
  return holder[key];
}

export const signInThrottle = () => processThrottle('sign-in', SIGN_IN_MAX_FAILURES);
export const bearerThrottle = () => processThrottle('bearer', BEARER_MAX_FAILURES);
