import { describe, expect, it } from 'vitest';
import { eventJsonOf } from '../store/event-batch';
import { relayedEvent } from './chatbotkit';

describe('relayedEvent', () => {
  it('keeps only the token text of token events, so their stored JSON stays valid and equal to JSON.stringify', () => {
    const odd = [
      { type: 'token', data: { token: 'Hi', index: 3, extra: { nested: true } } },
      { type: 'reasoningToken', data: { token: 'think' } },
      { type: 'token', data: {} },
      { type: 'token', data: null },
      { type: 'token', data: { token: 42 } },
    ];
    const events = odd.map(relayedEvent);
    expect(events.map((event) => event.data)).toEqual([
      { token: 'Hi' },
      { token: 'think' },
      { token: '' },
      { token: '' },
      { token: '' },
    ]);
    for (const event of events) expect(JSON.parse(eventJsonOf(event))).toEqual(JSON.parse(JSON.stringify(event)));
  });

  it('relays other events as they are', () => {
    const usage = { type: 'usage', data: { token: 12 } };
    expect(relayedEvent(usage)).toEqual(usage);
  });
});
