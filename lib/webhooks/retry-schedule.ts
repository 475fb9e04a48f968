// When a failed webhook delivery is tried again: base, 2×base, 4×base … With the default base of 5 s,
// 8 attempts span 5+10+20+40+80+160+320 s ≈ 10.6 minutes before the delivery is given up.
export const MAX_ATTEMPTS = 8;

/** The delay after failed attempt number `attempt` (1-based), or undefined when it was the last. */
export function retryDelayMs(attempt: number, baseMs: number): number | undefined {
  return attempt >= MAX_ATTEMPTS ? undefined : baseMs * 2 ** (attempt - 1);
}
