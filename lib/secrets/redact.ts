// Keeps secrets out of what the server hands out or prints, without becoming an oracle.
//
// - Fields secret by kind (`secretId`) are masked whatever their value, and echoes of the request's
//   secretIds elsewhere are masked too, also when cut short ("…") or with whitespace changed.
// - A tenant's own input is never compared with secrets they do not hold: the runs API shows it as
//   sent, and a server secret is scrubbed from a run's events only if it does not occur in that run's
//   request. So an echo of "sk-…" looks the same whether or not it equals a server key; a key that
//   reaches an event by another way (an upstream error quoting it) is still replaced.
// - Token and reasoning-token streams are scrubbed across token boundaries: the word being written is
//   held back (and a run of one-character words before it: a secret spelled out with spaces), at most
//   twice the longest secret, until no secret can still be completing. What is held depends on the
//   text's words only, never on the secrets' values, so the holding itself reveals nothing; every event
//   still comes out, in order.
// - Log lines (read by operators, not tenants) replace every configured secret (server-secrets.ts).
import type { DispatchRequest } from '../dispatch/schema';
import type { ChannelEvent } from '../events';

export const REDACTED = '[redacted]';

/** Shorter values are not searched for: they would match ordinary words and are not secrets anyway. */
const MIN_SECRET_LENGTH = 6;
/** A cut-short echo of a secretId is recognised from this many characters of it. */
const MIN_TRUNCATED_ECHO = 8;

export function requestSecretIds(request: DispatchRequest): string[] {
  return (request.extensions?.skillsets ?? []).flatMap((skillset) =>
    skillset.abilities.flatMap((ability) => (ability.secretId ? [ability.secretId] : [])),
  );
}

const isSpace = (char: string) => /\s/.test(char);
const withoutSpace = (text: string) => text.replace(/\s+/g, '');

/** Every string in a JSON value, keys included. */
function stringsOf(value: unknown, into: string[] = []): string[] {
  if (typeof value === 'string') into.push(value);
  else if (Array.isArray(value)) for (const item of value) stringsOf(item, into);
  else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      into.push(key);
      stringsOf(item, into);
    }
  }
  return into;
}

interface Secrets {
  /** Whitespace-free forms, longest first, each with a pattern that allows whitespace between its characters. */
  whole: { secret: string; pattern: RegExp }[];
  /** Of these, the ones whose cut-short echoes are masked too (secretIds). */
  truncatable: string[];
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function prepare(values: readonly string[], truncatable: readonly string[]): Secrets {
  const normal = (list: readonly string[]) =>
    [...new Set(list.map(withoutSpace))]
      .filter((secret) => secret.length >= MIN_SECRET_LENGTH && !REDACTED.includes(secret))
      .sort((a, b) => b.length - a.length);
  return {
    // Linear: the secret has no whitespace, so each \s* can only take the whitespace in front of it.
    whole: normal([...values, ...truncatable]).map((secret) => ({
      secret,
      pattern: new RegExp([...secret].map(escapeRegExp).join('\\s*'), 'g'),
    })),
    truncatable: normal(truncatable),
  };
}

/** Up to `count` non-space characters of `text` ending before `end`, with the position of the first. */
function nonSpaceBefore(text: string, end: number, count: number): { chars: string; start: number } {
  let chars = '';
  let index = end;
  while (index > 0 && chars.length < count) {
    index -= 1;
    if (!isSpace(text[index])) chars = text[index] + chars;
  }
  return { chars, start: index };
}

/** Up to `count` non-space characters of `text` from `start` on, with the position after the last. */
function nonSpaceFrom(text: string, start: number, count: number): { chars: string; end: number } {
  let chars = '';
  let index = start;
  while (index < text.length && chars.length < count) {
    if (!isSpace(text[index])) chars += text[index];
    index += 1;
  }
  return { chars, end: index };
}

/** A cut-short secretId: its first characters right before `end`, or its last right from `start`. */
function truncatedEcho(
  text: string,
  secret: string,
  at: { end?: number; start?: number },
): [number, number] | undefined {
  const longest = secret.length - 1;
  if (at.end !== undefined) {
    const before = nonSpaceBefore(text, at.end, longest);
    for (let length = before.chars.length; length >= MIN_TRUNCATED_ECHO; length -= 1) {
      if (before.chars.endsWith(secret.slice(0, length))) {
        const { start } = nonSpaceBefore(text, at.end, length);
        return [start, at.end];
      }
    }
  }
  if (at.start !== undefined) {
    const from = at.start + (text.length - at.start - text.slice(at.start).trimStart().length);
    const after = nonSpaceFrom(text, from, longest);
    for (let length = after.chars.length; length >= MIN_TRUNCATED_ECHO; length -= 1) {
      if (after.chars.startsWith(secret.slice(secret.length - length))) {
        return [from, nonSpaceFrom(text, from, length).end];
      }
    }
  }
  return undefined;
}

/** Where truncation marks can be: the text's ends and around its first ellipses ("…"). */
const MAX_ELLIPSES_CHECKED = 64;

/** Ranges [start, end) of `text` holding a secret (whitespace inside ignored); non-overlapping, in order. */
function findSecrets(text: string, secrets: Secrets, atEdges: boolean): [number, number][] {
  const found: [number, number][] = [];
  for (const { pattern } of secrets.whole) {
    pattern.lastIndex = 0;
    for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
      found.push([match.index, match.index + match[0].length]);
    }
  }
  if (atEdges && secrets.truncatable.length > 0) {
    const trimmedEnd = text.trimEnd().length;
    const edges: { end?: number; start?: number }[] = [{ end: trimmedEnd, start: 0 }];
    for (let at = text.indexOf('…'), seen = 0; at >= 0 && seen < MAX_ELLIPSES_CHECKED; seen += 1) {
      edges.push({ end: at, start: at + 1 });
      at = text.indexOf('…', at + 1);
    }
    for (const secret of secrets.truncatable) {
      for (const edge of edges) {
        const range = truncatedEcho(text, secret, edge);
        if (range) found.push(range);
      }
    }
  }
  found.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: [number, number][] = [];
  for (const range of found) {
    const last = merged.at(-1);
    if (last && range[0] < last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([...range]);
  }
  return merged;
}

function replaceRanges(text: string, ranges: readonly [number, number][]): string {
  let result = '';
  let from = 0;
  for (const [start, end] of ranges) {
    result += text.slice(from, start) + REDACTED;
    from = end;
  }
  return result + text.slice(from);
}

function scrubText(text: string, secrets: Secrets): string {
  const ranges = findSecrets(text, secrets, true);
  return ranges.length === 0 ? text : replaceRanges(text, ranges);
}

/** A JSON value with every `secretId` field masked and the secrets scrubbed from its strings. */
function scrubValue(value: unknown, secrets: Secrets): unknown {
  if (typeof value === 'string') return scrubText(value, secrets);
  if (Array.isArray(value)) return value.map((item) => scrubValue(item, secrets));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [
        scrubText(key, secrets),
        key === 'secretId' && item !== undefined ? REDACTED : scrubValue(item, secrets),
      ]),
    );
  }
  return value;
}

/**
 * The request as its owner sees it (runs API): `secretId` fields masked whatever their value, and
 * the request's secretIds masked wherever else they were pasted. Nothing else is compared with secrets.
 */
export function redactRequest(request: DispatchRequest): DispatchRequest {
  return scrubValue(request, prepare([], requestSecretIds(request))) as DispatchRequest;
}

/** Masks the request's secretIds (and their cut-short echoes) in a text derived from the request. */
export function secretIdMasker(request: DispatchRequest): (text: string) => string {
  const secrets = prepare([], requestSecretIds(request));
  return (text) => scrubText(text, secrets);
}

/** Replaces every occurrence of the given secrets in a string (log lines: no tenant reads them). */
export function secretScrubber(values: readonly string[]): (text: string) => string {
  const searched = [...new Set(values.filter((secret) => secret.length >= MIN_SECRET_LENGTH))].sort(
    (a, b) => b.length - a.length,
  );
  if (searched.length === 0) return (text) => text;
  return (text) => {
    if (!searched.some((secret) => text.includes(secret))) return text;
    return searched.reduce((result, secret) => result.split(secret).join(REDACTED), text);
  };
}

const PRINTABLE_ASCII = /^[\x21-\x7e]+$/;

/** Whether a character can be inside a secret: not whitespace, and printable ASCII when all secrets are. */
function inWord(code: number, asciiSecrets: boolean): boolean {
  if (asciiSecrets) return code >= 0x21 && code <= 0x7e;
  return !isSpace(String.fromCharCode(code));
}

/**
 * Where the text a secret could still be completing starts: the last word, unless a word break ends
 * the text, and before it every one-character word in a row (a secret spelled out with spaces, which
 * the patterns match). A secret has no whitespace, so it cannot span a finished word of two or more
 * characters and the next: the text before that point is settled. Depends on the text only.
 */
function completingFrom(text: string, asciiSecrets: boolean): number {
  const isWordChar = (index: number) => inWord(text.charCodeAt(index), asciiSecrets);
  let start = text.length;
  while (start > 0 && isWordChar(start - 1)) start -= 1;
  for (;;) {
    let wordEnd = start;
    while (wordEnd > 0 && !isWordChar(wordEnd - 1)) wordEnd -= 1;
    const oneCharacterWord = wordEnd > 0 && wordEnd < start && (wordEnd === 1 || !isWordChar(wordEnd - 2));
    if (!oneCharacterWord) return start;
    start = wordEnd - 1;
  }
}

type TokenEvent = Extract<ChannelEvent, { type: 'token' | 'reasoningToken' }>;
const isTokenEvent = (event: ChannelEvent): event is TokenEvent =>
  event.type === 'token' || event.type === 'reasoningToken';

/**
 * Scrubs one run's events (lib/runs/run-engine.ts, for dispatch and /conversation/complete). Stateful:
 * `push` each event as the engine emits it and store what it returns, then `flush` at the end.
 */
export class RunRedactor {
  private readonly secrets: Secrets;
  /** Characters a token stream holds back: enough for any secret with a space between each character. */
  private readonly holdBack: number;
  private readonly held: TokenEvent[] = [];
  /** Whether every secret is printable ASCII: then any other character ends a word as whitespace does. */
  private readonly asciiSecrets: boolean;

  constructor(serverSecrets: readonly string[], request: DispatchRequest) {
    // A server secret the tenant wrote into the request is theirs to see again; scrubbing it would
    // tell them it is one.
    const requestText = serverSecrets.length > 0 ? stringsOf(request).map(withoutSpace) : [];
    const notInRequest = serverSecrets.filter((secret) => {
      const normal = withoutSpace(secret);
      return !requestText.some((text) => text.includes(normal));
    });
    this.secrets = prepare(notInRequest, requestSecretIds(request));
    this.holdBack = 2 * (this.secrets.whole[0]?.secret.length ?? 0);
    this.asciiSecrets = this.secrets.whole.every(({ secret }) => PRINTABLE_ASCII.test(secret));
  }

  /** The text with the run's secrets replaced (e.g. the run's error for the runs list). */
  scrub(text: string): string {
    return scrubText(text, this.secrets);
  }

  push(event: ChannelEvent): ChannelEvent[] {
    if (this.holdBack === 0) return [event];
    if (!isTokenEvent(event)) return [...this.flush(), this.scrubEvent(event)];
    if (this.held.length > 0 && this.held[0].type !== event.type) {
      return [...this.flush(), ...this.push(event)];
    }
    this.held.push({ ...event, data: { token: event.data.token } } as TokenEvent);
    return this.releaseSettled(this.scrubHeld(false));
  }

  /**
   * Releases the held tokens (`joined`: their text) that end before the text a secret could still be
   * completing in (see `completingFrom`), and those followed by holdBack characters: a secret starting in them has ended.
   * Before, every token waited for holdBack characters: with a 38-character WEBHOOK_SECRET a short reply
   * came out all at once at its end, and the run's first token was stored as late as its last.
   */
  private releaseSettled(joined: string): ChannelEvent[] {
    const settledBefore = completingFrom(joined, this.asciiSecrets);
    const released: ChannelEvent[] = [];
    let releasedLength = 0;
    while (this.held.length > 0) {
      const firstLength = this.held[0].data.token.length;
      const endsSettled = releasedLength + firstLength <= settledBefore;
      const followedByHoldBack = this.held.length > 1 && joined.length - releasedLength - firstLength >= this.holdBack;
      if (!endsSettled && !followedByHoldBack) break;
      released.push(this.held.shift() as TokenEvent);
      releasedLength += firstLength;
    }
    return released;
  }

  /** Releases held tokens (at the end of a stream: a cut-short secretId at the very end is masked too). */
  flush(): ChannelEvent[] {
    if (this.held.length === 0) return [];
    this.scrubHeld(true);
    return this.held.splice(0, this.held.length);
  }

  private scrubEvent(event: ChannelEvent): ChannelEvent {
    return { ...event, data: scrubValue(event.data, this.secrets) } as ChannelEvent;
  }

  /**
   * Finds secrets in the held tokens' joined text and replaces them, token by token; returns the held
   * text as it now stands (joined again only when a secret was replaced).
   */
  private scrubHeld(atEnd: boolean): string {
    const joined = this.held.map((held) => held.data.token).join('');
    const ranges = findSecrets(joined, this.secrets, atEnd).filter(
      ([start, end]) => atEnd || !joined.slice(start, end).includes(REDACTED),
    );
    if (ranges.length === 0) return joined;
    let offset = 0;
    for (const held of this.held) {
      const start = offset;
      const end = offset + held.data.token.length;
      offset = end;
      let token = '';
      let from = start;
      for (const [rangeStart, rangeEnd] of ranges) {
        if (rangeEnd <= start || rangeStart >= end) continue;
        token += joined.slice(from, Math.max(from, rangeStart));
        // The marker goes where the secret starts; the rest of it is removed from the tokens after.
        if (rangeStart >= start) token += REDACTED;
        from = Math.min(end, rangeEnd);
      }
      held.data = { token: token + joined.slice(from, end) };
    }
    return this.held.map((held) => held.data.token).join('');
  }
}
