import { describe, expect, it } from 'vitest';
import type { ChannelEvent } from '../events';
import { eventJsonOf, eventJsonsOf, packEventJsons, unpackEventBatch } from './event-batch';
import type { StoredEventJson } from '../events';

// Tokens whose JSON text needs escaping, or none at all, or characters outside the basic plane.
const TRICKY_TOKENS = [
  '',
  ' ',
  'plain ',
  'say "hi"',
  'back\\slash',
  'line\nbreak\r\n',
  'tab\there',
  '\u0000\u0001\u001f\u007f',
  '\u2028\u2029',
  'héllo wörld',
  '日本語',
  '😀 emoji',
  '\ud800 lone high surrogate',
  'lone low \udc00',
  '</script>',
  '{"type":"completeEnd","data":{}}',
];

describe('event JSON texts', () => {
  it('writes every token and reasoning token exactly as JSON.stringify does', () => {
    for (const token of TRICKY_TOKENS) {
      for (const type of ['token', 'reasoningToken'] as const) {
        const event: ChannelEvent = { type, data: { token } };
        expect(eventJsonOf(event)).toBe(JSON.stringify(event));
      }
    }
  });

  it('writes the other events with JSON.stringify', () => {
    const events: ChannelEvent[] = [
      { type: 'completeBegin', data: {} },
      { type: 'message', data: { type: 'activity', text: 'called "f"\n', meta: { args: [1, 'two'] } } },
      { type: 'result', data: { text: 'done', usage: { token: 3 }, end: { reason: 'stop' } } },
      { type: 'completeEnd', data: {} },
    ];
    expect(eventJsonsOf(events)).toEqual(events.map((event) => JSON.stringify(event)));
  });

  it('reads back the events of a packed batch after a seq, up to a limit', () => {
    const events: ChannelEvent[] = TRICKY_TOKENS.map((token) => ({ type: 'token', data: { token } }));
    const body = packEventJsons(eventJsonsOf(events));
    const into: StoredEventJson[] = [];
    const full = unpackEventBatch({ firstSeq: 10, at: 5, body }, 11, into, 4);
    expect(full).toBe(true);
    expect(into.map((stored) => stored.seq)).toEqual([12, 13, 14, 15]);
    expect(into.map((stored) => JSON.parse(stored.json))).toEqual(events.slice(2, 6));
  });
});
