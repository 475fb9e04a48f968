import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ChannelEvent, StoredEvent } from '../events';
import { appendToList, emptyList, listPages, listToArray } from './append-only-list';
import { applyChannelBatch, emptyChannelHistory, type ChannelHistory } from './channel-history';
import { sliceEvents } from './event-log';
import { replyTextOf } from './channel-view';

const token = (text: string): ChannelEvent => ({ type: 'token', data: { token: text } });
const stored = (events: readonly ChannelEvent[], from = 1): StoredEvent[] =>
  events.map((event, index) => ({ seq: from + index, at: 1_000 + from + index, event }));

const tokenText = fc.oneof(
  fc.string({ unit: fc.constantFrom('a', 'b', ' ', '\n', '#', '-', '`', '1', '.'), maxLength: 12 }),
  fc.constantFrom(' word', '\n\n', '```\n', 'x'.repeat(900), ' plain words'.repeat(60)),
);
const channelEvent: fc.Arbitrary<ChannelEvent> = fc.oneof(
  { weight: 10, arbitrary: tokenText.map(token) },
  {
    weight: 2,
    arbitrary: tokenText.map((text): ChannelEvent => ({ type: 'reasoningToken', data: { token: text } })),
  },
  fc.constantFrom<ChannelEvent>(
    { type: 'completeBegin', data: {} },
    { type: 'message', data: { type: 'bot', text: 'repeated reply' } },
    {
      type: 'message',
      data: { type: 'user', text: 'a question', meta: { records: [{ text: 'A record', score: 1 }] } },
    },
    {
      type: 'message',
      data: {
        type: 'activity',
        text: 'Called f',
        meta: { function: { name: 'f', arguments: {}, result: 1 } },
      },
    },
    { type: 'waitForChannelMessageBegin', data: { channelId: 'answers' } },
    { type: 'waitForChannelMessageEnd', data: { channelId: 'answers' } },
    { type: 'usage', data: { model: 'm', inputTokensUsed: 1, outputTokensUsed: 2 } },
    { type: 'result', data: { text: 'done', usage: { token: 3 }, end: { reason: 'stop' } } },
    { type: 'error', data: { message: 'boom' } },
    { type: 'abort', data: { reason: 'cancelled' } },
    { type: 'completeEnd', data: {} },
  ),
);

/** Splits `events` at the given points; each batch may also repeat events already sent (a resume replays). */
function batchesOf(events: StoredEvent[], cuts: number[], replays: number[]): StoredEvent[][] {
  const ends = [...new Set(cuts.map((cut) => cut % (events.length + 1))), events.length].sort(
    (a, b) => a - b,
  );
  return ends.map((end, index) => {
    const start = index === 0 ? 0 : ends[index - 1];
    return events.slice(Math.max(0, start - (replays[index] ?? 0)), end);
  });
}

describe('the channel history a page keeps', () => {
  it('is the same whether the events come in many batches (with replays) or all at once', () => {
    fc.assert(
      fc.property(
        fc.array(channelEvent, { maxLength: 80 }),
        fc.array(fc.nat(), { maxLength: 12 }),
        fc.array(fc.nat({ max: 5 }), { maxLength: 13 }),
        (events, cuts, replays) => {
          const all = stored(events);
          const together = applyChannelBatch(emptyChannelHistory(), all);
          const batched = batchesOf(all, cuts, replays).reduce(applyChannelBatch, emptyChannelHistory());
          expect(batched.view).toEqual(together.view);
          expect(sliceEvents(batched.events, 0)).toEqual(all);
          expect(replyTextOf(batched.view)).toBe(replyTextOf(together.view));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps the reply text and every event of a long run, without duplicates', () => {
    const tokens = Array.from({ length: 5_000 }, (_, index) => ` token${index + 1}`);
    let history = emptyChannelHistory();
    const events = stored(tokens.map(token));
    for (let start = 0; start < events.length; start += 137)
      history = applyChannelBatch(history, events.slice(Math.max(0, start - 3), start + 137));
    expect(history.events.length).toBe(5_000);
    expect(sliceEvents(history.events, 4_998)).toEqual(events.slice(4_998));
    expect(history.view.tokenCount).toBe(5_000);
    expect(history.view.wordCount).toBe(5_000);
    expect(replyTextOf(history.view)).toBe(tokens.join(''));
  });
});

/** Counts every property read of `target` and of everything reached through it, and the characters of strings read. */
function counted<T extends object>(target: T, count: { reads: number; characters: number }): T {
  const proxies = new WeakMap<object, object>();
  const wrap = (value: unknown): unknown => {
    if (value === null || typeof value !== 'object') return value;
    let proxy = proxies.get(value);
    if (!proxy) {
      proxy = new Proxy(value, {
        get(object, key) {
          const property: unknown = Reflect.get(object, key);
          count.reads += 1;
          if (typeof property === 'string') count.characters += property.length;
          return wrap(property);
        },
        // Writes go to the object itself (a typed array refuses them through a proxy receiver).
        set: (object, key, value) => Reflect.set(object, key, value),
      });
      proxies.set(value, proxy);
    }
    return proxy;
  };
  return wrap(target) as T;
}

describe('the work of one batch', () => {
  const repeatRun = (tokens: number) =>
    stored([
      { type: 'completeBegin', data: {} },
      ...Array.from({ length: tokens }, (_, index) => token(` token${index + 1}`)),
    ]);

  /** Reads of the history (and characters of its strings) made while applying 100 more tokens. */
  function workOfNextBatch(historyTokens: number): { reads: number; characters: number } {
    const events = repeatRun(historyTokens + 100);
    let history: ChannelHistory = emptyChannelHistory();
    for (let start = 0; start < historyTokens + 1; start += 1_000)
      history = applyChannelBatch(history, events.slice(start, Math.min(start + 1_000, historyTokens + 1)));
    const count = { reads: 0, characters: 0 };
    const next = applyChannelBatch(counted(history, count), events.slice(historyTokens + 1));
    expect(next.view.tokenCount).toBe(historyTokens + 100);
    return count;
  }

  it('does not depend on how long the run already is', () => {
    const short = workOfNextBatch(1_000);
    const long = workOfNextBatch(100_000);
    // The same reads and characters, give or take a chunk boundary crossed, at 100 times the history.
    expect(long.reads).toBeLessThanOrEqual(short.reads * 1.2);
    expect(long.characters).toBeLessThanOrEqual(short.characters * 1.2);
    // And far less than the history itself (100,000 events, about 1,100,000 characters of reply).
    expect(long.reads).toBeLessThan(100_000 / 10);
    expect(long.characters).toBeLessThan(1_100_000 / 100);
  });
});

describe('an append-only list', () => {
  it('reads like the array of everything appended, and earlier versions stay as they were', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.integer(), { maxLength: 20 }), { maxLength: 20 }),
        fc.integer({ min: 1, max: 7 }),
        (batches, chunkSize) => {
          let list = emptyList<number>(chunkSize);
          const versions: { list: typeof list; items: number[] }[] = [];
          for (const batch of batches) {
            list = appendToList(list, batch);
            versions.push({ list, items: batches.slice(0, versions.length + 1).flat() });
          }
          for (const version of versions) {
            expect(listToArray(version.list)).toEqual(version.items);
            expect(listPages(version.list).flatMap((page) => page.items.slice(0, page.count))).toEqual(
              version.items,
            );
          }
        },
      ),
    );
  });

  it('gives the same list when the same items are appended to the same version twice (a repeated state update)', () => {
    const base = appendToList(emptyList<string>(2), ['a', 'b', 'c']);
    appendToList(base, ['d', 'e']);
    expect(listToArray(appendToList(base, ['d', 'e']))).toEqual(['a', 'b', 'c', 'd', 'e']);
  });
});
