// Answers "what time is it" for the caller's zone (X-Timezone), the one question whose answer changes.

const TIME_QUESTIONS = [
  /\bwhat(?:'s|’s|\s+is)?\s+(?:the\s+)?(?:current\s+)?(?:time|date|day)\b/i,
  /\btime is it\b/i,
  /\bcurrent (?:time|date)\b/i,
  /\btoday'?s date\b/i,
];

export function isTimeQuestion(message: string): boolean {
  return TIME_QUESTIONS.some((pattern) => pattern.test(message));
}

function formatterFor(timezone: string): { format: Intl.DateTimeFormat; zone: string } {
  const options: Intl.DateTimeFormatOptions = { dateStyle: 'full', timeStyle: 'short', hourCycle: 'h23' };
  try {
    return { format: new Intl.DateTimeFormat('en-US', { ...options, timeZone: timezone }), zone: timezone };
  } catch {
    // An unknown zone must not fail the run; UTC is named in the answer so the fallback is visible.
    return { format: new Intl.DateTimeFormat('en-US', { ...options, timeZone: 'UTC' }), zone: 'UTC' };
  }
}

/** e.g. "It is Monday, March 3, 2025 at 21:05 in Asia/Tokyo." */
export function describeCurrentTime(now: Date, timezone: string): string {
  const { format, zone } = formatterFor(timezone);
  return `It is ${format.format(now)} in ${zone}.`;
}
