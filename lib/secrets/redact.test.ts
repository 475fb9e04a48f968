import { describe, expect, it } from 'vitest';
import type { DispatchRequest } from '../dispatch/schema';
import type { ChannelEvent } from '../events';
import { REDACTED, redactRequest, RunRedactor, secretIdMasker, secretScrubber } from './redact';

const SERVER_KEY = 'sk-CANARY-openai-key-123456';
const SECRET_ID = 'sec_0123456789abcdef';

const request = (text: string, meta: Record<string, unknown> = {}): DispatchRequest => ({
  messages: [{ type: 'user', text, meta }],
  extensions: {
    skillsets: [{ abilities: [{ name: 'a', description: 'd', instruction: 'i', secretId: SECRET_ID }] }],
  },
});

const tokens = (events: ChannelEvent[], type = 'token') =>
  events.flatMap((event) => (event.type === type ? [(event.data as { token: string }).token] : []));

function stream(redactor: RunRedactor, events: ChannelEvent[]): ChannelEvent[] {
  return [...events.flatMap((event) => redactor.push(event)), ...redactor.flush()];
}

describe('the runs API view of a request', () => {
  it('masks secretId fields whatever their value, and the secretId pasted elsewhere, cut short or re-spaced', () => {
    const shown = redactRequest(
      request(
        `use ${SECRET_ID} or ${SECRET_ID.slice(0, 8)} ${SECRET_ID.slice(8)} or ${SECRET_ID.slice(0, 12)}…`,
        {
          secretId: 'anything at all',
        },
      ),
    );
    expect(shown.extensions?.skillsets?.[0].abilities[0].secretId).toBe(REDACTED);
    expect(shown.messages[0].meta).toEqual({ secretId: REDACTED });
    expect(shown.messages[0].text).toBe(`use ${REDACTED} or ${REDACTED} or ${REDACTED}…`);
  });

  it('is not an oracle: 40,000 guesses come back as sent, the one equal to a server key included', () => {
    const guesses = Array.from(
      { length: 40_000 },
      (_value, index) => `sk-CANARY-openai-key-${100_000 + index}`,
    );
    expect(guesses).toContain(SERVER_KEY);
    const shown = redactRequest(request('hello', { guesses }));
    expect(shown.messages[0].meta).toEqual({ guesses });
  });

  it('masks a secretId cut in half by a title', () => {
    const title = `deploy with ${SECRET_ID}`.slice(0, 22) + '…';
    expect(secretIdMasker(request('x'))(title)).toBe(`deploy with ${REDACTED}…`);
  });
});

describe('a run’s events', () => {
  it('replaces a server key that reaches an event some other way (an upstream error quoting it)', () => {
    const redactor = new RunRedactor([SERVER_KEY], request('hello'));
    const [error] = redactor.push({ type: 'error', data: { message: `Incorrect API key: ${SERVER_KEY}` } });
    expect(error).toEqual({ type: 'error', data: { message: `Incorrect API key: ${REDACTED}` } });
  });

  it('is not an oracle: an echo of the tenant’s input looks the same whether or not it equals a server key', () => {
    const seen = (guess: string) => {
      const redactor = new RunRedactor([SERVER_KEY], request(`is it ${guess}?`));
      const echoed: ChannelEvent[] = [
        { type: 'message', data: { type: 'bot', text: `You said ${guess}` } },
        ...[...`You said ${guess}`].map((char) => ({ type: 'token' as const, data: { token: char } })),
      ];
      return { echoed, shown: stream(redactor, echoed) };
    };
    for (const guess of [SERVER_KEY, 'sk-CANARY-openai-key-654321']) {
      const { echoed, shown } = seen(guess);
      expect(shown).toEqual(echoed);
    }
  });

  it('redacts a secret split across token deltas, in token and reasoningToken streams, keeping every event', () => {
    for (const type of ['token', 'reasoningToken'] as const) {
      const redactor = new RunRedactor([SERVER_KEY], request('hello'));
      const input: ChannelEvent[] = [
        { type, data: { token: 'the key is ' } },
        { type, data: { token: 'sk-CANARY-ope' } },
        { type, data: { token: 'nai-key-123456' } },
        { type, data: { token: ', done' } },
        { type: 'result', data: { text: 'ok', usage: { token: 1 }, end: { reason: 'stop' } } },
      ];
      const output = stream(redactor, input);
      expect(output.map((event) => event.type)).toEqual(input.map((event) => event.type));
      expect(tokens(output, type).join('')).toBe(`the key is ${REDACTED}, done`);
      expect(JSON.stringify(output)).not.toContain('sk-CANARY-ope');
    }
  });

  it('streams word by word while secrets are set: a word comes out once the next one begins', () => {
    const redactor = new RunRedactor([SERVER_KEY], request('hello'));
    const token = (text: string): ChannelEvent => ({ type: 'token', data: { token: text } });
    // Twice the key is 54 characters: before, all of this waited for the end of the stream.
    expect(redactor.push(token('Hello'))).toEqual([]);
    expect(redactor.push(token(' there'))).toEqual([token('Hello')]);
    expect(redactor.push(token(', friend. '))).toEqual([token(' there'), token(', friend. ')]);
    expect(redactor.flush()).toEqual([]);
  });

  it('holds a secret spelled out one character at a time, and any word at most twice the longest secret', () => {
    const spelled = new RunRedactor([SERVER_KEY], request('hello'));
    const spelledTokens = ['key: ', ...[...SERVER_KEY].map((char) => `${char} `), 'ok'];
    const output = stream(
      spelled,
      spelledTokens.map((text) => ({ type: 'token', data: { token: text } })),
    );
    expect(tokens(output).join('')).toBe(`key: ${REDACTED} ok`);

    const long = new RunRedactor([SERVER_KEY], request('hello'));
    const released = Array.from({ length: 200 }, () => long.push({ type: 'token', data: { token: 'x' } })).flat();
    expect(released).toHaveLength(200 - 2 * SERVER_KEY.length);
  });

  it('is not an oracle: what is held back depends on the words, not on whether they begin a secret', () => {
    const releases = (text: string) => {
      const redactor = new RunRedactor([SERVER_KEY], request('hello'));
      return [...text].map((char) => redactor.push({ type: 'token', data: { token: char } }).length);
    };
    const keyStart = `You said ${SERVER_KEY.slice(0, 12)} and ${[...SERVER_KEY.slice(0, 8)].join(' ')} then`;
    const sameShape = `You said ${'q'.repeat(12)} and ${[...'q'.repeat(8)].join(' ')} then`;
    expect(releases(keyStart)).toEqual(releases(sameShape));
  });

  it('masks the request’s secretId in events by field and by echo, also cut short at the end of a stream', () => {
    const redactor = new RunRedactor([], request('hello'));
    const output = stream(redactor, [
      { type: 'message', data: { type: 'activity', text: 'x', meta: { secretId: 'whatever' } } },
      { type: 'message', data: { type: 'bot', text: `id ${SECRET_ID.split('').join(' ')}` } },
      { type: 'token', data: { token: 'my id is ' } },
      { type: 'token', data: { token: SECRET_ID.slice(0, 10) } },
    ]);
    expect(output[0]).toMatchObject({ data: { meta: { secretId: REDACTED } } });
    expect(output[1]).toMatchObject({ data: { text: `id ${REDACTED}` } });
    expect(tokens(output).join('')).toBe(`my id is ${REDACTED}`);
  });

  it('passes events through untouched when there is nothing to look for', () => {
    const redactor = new RunRedactor([], { messages: [{ type: 'user', text: 'hi' }] });
    const token: ChannelEvent = { type: 'token', data: { token: 'hello' } };
    expect(redactor.push(token)).toEqual([token]);
  });
});

describe('log lines', () => {
  it('replace every configured secret, and ignore values too short to be secrets', () => {
    expect(secretScrubber([SERVER_KEY])(`key ${SERVER_KEY}`)).toBe(`key ${REDACTED}`);
    expect(secretScrubber(['abc'])('abc def')).toBe('abc def');
  });
});
