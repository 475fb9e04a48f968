import { describe, expect, it } from 'vitest';
import type { ChannelEvent, StoredEvent } from '../events';
import { EMPTY_CHANNEL_VIEW, foldChannelEvents, joinedText, replyTextOf } from './channel-view';
import { continuationOf } from './builder-handoff';
import { liveStatusOf } from './live-status';

const stored = (events: ChannelEvent[], from = 1): StoredEvent[] => events.map((event, index) => ({ seq: from + index, at: 0, event }));
const token = (text: string): ChannelEvent => ({ type: 'token', data: { token: text } });

describe('folding channel events into the live view', () => {
  it('grows one reply from tokens and ignores the bot message that repeats it', () => {
    const view = foldChannelEvents(
      EMPTY_CHANNEL_VIEW,
      stored([
        { type: 'completeBegin', data: {} },
        token('Hello'),
        token(' world'),
        { type: 'message', data: { type: 'bot', text: 'Hello world', meta: { records: [{ dataset: 'FAQ', text: 'A record', score: 2 }] } } },
        { type: 'result', data: { text: 'Hello world', usage: { token: 4 }, end: { reason: 'stop' } } },
        { type: 'completeEnd', data: {} },
      ]),
    );
    expect(view.items).toMatchObject([{ kind: 'reply', seq: 2, characters: 11, reasoningCharacters: 0, tokens: 2 }]);
    expect(view.records).toEqual([{ dataset: 'FAQ', text: 'A record', score: 2 }]);
    expect(view.ended).toBe(true);
    expect(replyTextOf(view)).toBe('Hello world');
    expect(liveStatusOf(view, 'running')).toBe('completed');
  });

  it('never applies an event twice, so a replayed history after a resume changes nothing', () => {
    const first = foldChannelEvents(EMPTY_CHANNEL_VIEW, stored([token('a'), token('b')]));
    const replayed = foldChannelEvents(first, stored([token('a'), token('b'), token('c')]));
    expect(replyTextOf(replayed)).toBe('abc');
    expect(replayed.lastSeq).toBe(3);
    expect(foldChannelEvents(replayed, stored([token('a')]))).toBe(replayed);
  });

  it('shows function calls as cards and tracks a wait for a published result', () => {
    const waiting = foldChannelEvents(
      EMPTY_CHANNEL_VIEW,
      stored([{ type: 'completeBegin', data: {} }, { type: 'waitForChannelMessageBegin', data: { channelId: 'approvals' } }]),
    );
    expect(waiting.waitingOn).toBe('approvals');
    expect(liveStatusOf(waiting, 'running')).toBe('waiting');
    const answered = foldChannelEvents(
      waiting,
      stored(
        [
          { type: 'waitForChannelMessageEnd', data: { channelId: 'approvals' } },
          { type: 'message', data: { type: 'activity', text: 'Called approve', meta: { function: { name: 'approve', arguments: {}, result: { ok: true } } } } },
        ],
        3,
      ),
    );
    expect(answered.waitingOn).toBeUndefined();
    expect(answered.items.map((item) => item.kind)).toEqual(['wait', 'call']);
    expect(answered.items[0]).toMatchObject({ answered: true });
    expect(answered.items[1]).toMatchObject({ call: { name: 'approve', result: { ok: true } } });
  });

  it('folds reasoning tokens apart from the reply and reports errors and aborts as their status', () => {
    const view = foldChannelEvents(
      EMPTY_CHANNEL_VIEW,
      stored([{ type: 'reasoningToken', data: { token: 'thinking' } }, token('Hi'), { type: 'error', data: { message: 'boom' } }, { type: 'completeEnd', data: {} }]),
    );
    const reply = view.items[0];
    expect(reply.kind === 'reply' && [joinedText(reply.reasoning), joinedText(reply.text)]).toEqual(['thinking', 'Hi']);
    expect(liveStatusOf(view, 'running')).toBe('failed');
    const aborted = foldChannelEvents(EMPTY_CHANNEL_VIEW, stored([{ type: 'abort', data: { reason: 'cancelled' } }, { type: 'completeEnd', data: {} }]));
    expect(liveStatusOf(aborted, 'running')).toBe('cancelled');
  });

  it('continues a conversation with the reply and an empty user message, on a new channel', () => {
    const next = continuationOf({ messages: [{ type: 'user', text: 'Hi' }], channelId: 'old' }, 'Hello!');
    expect(next).toEqual({ messages: [{ type: 'user', text: 'Hi' }, { type: 'bot', text: 'Hello!' }, { type: 'user', text: '' }] });
  });
});

describe('the times a run took', () => {
  it('keeps the time waited for answers before the first token apart from the model’s time', () => {
    const view = foldChannelEvents(
      EMPTY_CHANNEL_VIEW,
      [
        { type: 'completeBegin', data: {} },
        { type: 'waitForChannelMessageBegin', data: { channelId: 'approvals' } },
        { type: 'waitForChannelMessageEnd', data: { channelId: 'approvals' } },
        token('Approved'),
        { type: 'waitForChannelMessageBegin', data: { channelId: 'approvals' } },
        { type: 'waitForChannelMessageEnd', data: { channelId: 'approvals' } },
      ].map((event, index) => ({ seq: index + 1, at: [1_000, 1_200, 16_200, 16_500, 17_000, 30_000][index]!, event }) as StoredEvent),
    );
    expect(view.times.firstToken).toBe(16_500);
    // Only the wait before the first token counts; the later one is after it.
    expect(view.times.answerWaitBeforeFirstTokenMs).toBe(15_000);
    expect(view.times.waitBegin).toBe(17_000);
  });
});
