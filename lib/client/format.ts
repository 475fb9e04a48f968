// Small display formatters shared by the live view and the runs list.
export function formatDuration(ms: number | undefined): string {
  if (ms === undefined) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return formatWholeSeconds(Math.round(ms / 1000));
}

/**
 * Seconds as people say them: "42 s", "2 min", "1 min 3 s"; from an hour on, hours and minutes
 * ("1 h 15 min", "3 h"): the seconds of a run that took hours say nothing.
 */
function formatWholeSeconds(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) {
    const minutes = Math.floor(seconds / 60);
    return seconds % 60 === 0 ? `${minutes} min` : `${minutes} min ${seconds % 60} s`;
  }
  const minutes = Math.floor(seconds / 60);
  const hours = Math.floor(minutes / 60);
  return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
}

/** Time left, in whole seconds rounded up (a countdown never shows 0 s while time is left): "8 min 5 s", "42 s". */
export function formatTimeLeft(ms: number): string {
  return formatWholeSeconds(Math.max(0, Math.ceil(ms / 1000)));
}

/**
 * One Intl formatter per set of options, made on first use: `toLocaleTimeString` with options builds a
 * new one on every call, which the live view's event rows paid for on every frame of a long run.
 */
function cachedFormat(options: Intl.DateTimeFormatOptions): (epochMs: number) => string {
  let format: Intl.DateTimeFormat | undefined;
  return (epochMs) => (format ??= new Intl.DateTimeFormat(undefined, options)).format(epochMs);
}

/** The clock in 24 hours with seconds, as `toLocaleTimeString(undefined, { hour12: false })` gives it. */
export const formatTime = cachedFormat({
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
  hour12: false,
});

/** A day and time no locale reads two ways: the month by name, the clock in 24 hours ("Dec 4, 2026, 14:51"). */
export const formatDateTime = cachedFormat({ dateStyle: 'medium', timeStyle: 'short', hourCycle: 'h23' });

const formatChartDay = cachedFormat({ month: 'short', day: 'numeric' });
const formatChartClock = cachedFormat({ hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** A chart's time label: the clock in 24 hours, or the day when the chart spans days. */
export function formatChartTime(epochMs: number, spanMs: number): string {
  return spanMs > 2 * 24 * 3600_000 ? formatChartDay(epochMs) : formatChartClock(epochMs);
}

export const formatJson = (value: unknown) => JSON.stringify(value, null, 2) ?? 'undefined';

/** A channel id short enough for a list: whole when short, else its last 8 characters (client-chosen ids often share a prefix). */
export const shortChannelId = (channelId: string) =>
  channelId.length <= 12 ? channelId : `…${channelId.slice(-8)}`;

/** A run named by its short id in words ("Run …1a2b3c4d"), where an operator needs to tell runs apart: a bare "#…" reads as code. */
export const runName = (channelId: string) => `Run ${shortChannelId(channelId)}`;

const countText = (value: number) => (value >= 10 ? Math.round(value).toLocaleString() : value.toFixed(1));

/**
 * A rate given per minute, in the unit that shows it best: "3.5 a minute", or per hour or per day when a
 * minute's share would read 0.0 ("7.6 a day" for 53 runs in a week). `noun` goes before the unit.
 */
export function formatRate(perMinute: number, noun = ''): string {
  const [value, unit] =
    perMinute >= 1 || perMinute === 0
      ? [perMinute, 'a minute']
      : perMinute * 60 >= 1
        ? [perMinute * 60, 'an hour']
        : [perMinute * 60 * 24, 'a day'];
  return `${countText(value)}${noun ? ` ${noun}` : ''} ${unit}`;
}
