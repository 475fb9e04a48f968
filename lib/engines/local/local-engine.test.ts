import { describe, expect, it } from 'vitest';
import type { ChannelEvent } from '../../events';
import { localEngine } from '.';
import { createLocalEngine, MAX_REPEAT_TOKENS, repeatCount } from './local-engine';
import {
  eventsOfType,
  messagesOfType,
  recordingContext,
  tokensOf,
  userMessage,
  type RecordingContextOptions,
} from './test-context';

async function run(request: unknown, options: RecordingContextOptions = {}, engine = localEngine) {
  const recording = recordingContext(request, options);
  await engine.run(recording.ctx);
  return recording.events;
}

const resultOf = (events: ChannelEvent[]) => eventsOfType(events, 'result')[0]?.data;
const botMessage = (events: ChannelEvent[]) => messagesOfType(events, 'bot')[0];

const shopRequest = {
  messages: [
    { type: 'user', text: 'hello' },
    { type: 'bot', text: 'Hi, how can I help?' },
    userMessage('How do refunds work? And what is the weather in Lisbon?'),
  ],
  functions: [
    {
      name: 'getWeather',
      description: 'Current weather for a city',
      parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
      result: { data: { temperature: 21, sky: 'clear' } },
    },
    {
      name: 'loadCustomer',
      description: 'Load the customer record',
      parameters: { type: 'object', properties: {} },
      call: { start: true },
    },
    {
      name: 'logConversation',
      description: 'Log the conversation',
      parameters: { type: 'object', properties: {} },
      call: { end: true },
      result: { data: 'logged' },
    },
  ],
  extensions: {
    backstory: 'You are Ava, the support assistant of Example Shop. Be brief.',
    datasets: [
      {
        name: 'policies',
        records: [
          { text: 'Refunds are paid within 14 days of receiving the returned item.' },
          { text: 'Orders ship from Porto every weekday.' },
        ],
      },
    ],
    skillsets: [
      {
        name: 'support',
        abilities: [
          {
            name: 'Refund helper',
            description: 'Explains refunds and returns',
            instruction: 'Always mention the 14 day window.',
            secretId: 'secret-refund-7f3a',
          },
          {
            name: 'Translator',
            description: 'Translates text into another language',
            instruction: 'Answer in the requested language.',
            secretId: 'secret-translate-91bc',
          },
        ],
      },
    ],
  },
};

describe('localEngine', () => {
  it('is named local and reports usage.model "local"', async () => {
    const events = await run(shopRequest);
    expect(localEngine.name).toBe('local');
    expect(eventsOfType(events, 'usage')[0].data.model).toBe('local');
  });

  it('answers with the best record quoted, and lists the records in the bot message meta', async () => {
    const events = await run(shopRequest);
    const reply = resultOf(events).text;
    expect(reply).toContain('"Refunds are paid within 14 days of receiving the returned item." (policies)');
    expect(reply).not.toContain('Porto');
    expect(botMessage(events).meta?.records).toEqual([
      {
        dataset: 'policies',
        text: 'Refunds are paid within 14 days of receiving the returned item.',
        score: expect.any(Number),
      },
    ]);
  });

  it('calls call.start functions before the reply, the matching function next, and call.end functions after it', async () => {
    const events = await run(shopRequest);
    const activities = messagesOfType(events, 'activity');
    expect(activities.map((message) => message.text)).toEqual([
      'Called loadCustomer',
      'Called getWeather',
      'Called logConversation',
    ]);
    expect(activities[1].meta).toEqual({
      function: {
        name: 'getWeather',
        arguments: { city: 'Lisbon' },
        result: { temperature: 21, sky: 'clear' },
      },
    });
    expect(activities[0].meta).toEqual({
      function: {
        name: 'loadCustomer',
        arguments: {},
        result: { error: 'Function loadCustomer has no result configured' },
      },
    });

    const firstToken = events.findIndex((event) => event.type === 'token');
    const bot = events.findIndex((event) => event.type === 'message' && event.data.type === 'bot');
    const indexOf = (name: string) =>
      events.findIndex((event) => event.type === 'message' && event.data.text === `Called ${name}`);
    expect(indexOf('loadCustomer')).toBeLessThan(indexOf('getWeather'));
    expect(indexOf('getWeather')).toBeLessThan(firstToken);
    expect(bot).toBeLessThan(indexOf('logConversation'));
    expect(events.slice(-2).map((event) => event.type)).toEqual(['usage', 'result']);
    expect(resultOf(events).text).toContain(
      'Get weather answered:\n\n| Field | Value |\n| --- | --- |\n| Temperature | 21 |\n| Sky | clear |',
    );
  });

  it('never calls more functions than limits.calls and says which it skipped', async () => {
    const events = await run({ ...shopRequest, limits: { calls: 2 } });
    expect(messagesOfType(events, 'activity').map((message) => message.text)).toEqual([
      'Called loadCustomer',
      'Called getWeather',
    ]);
    expect(resultOf(events).text).toContain('Not called because limits.calls is 2: logConversation.');
  });

  it('waits for a message on a function result channel and uses it as the result', async () => {
    const request = {
      messages: [userMessage('please approve the order 42')],
      functions: [
        {
          name: 'approveOrder',
          description: 'Ask a human to approve an order',
          parameters: { type: 'object', properties: { orderId: { type: 'integer' } } },
          result: { channel: 'approvals-42' },
        },
      ],
    };
    const events = await run(request, { channelMessages: { 'approvals-42': { approved: true, by: 'Kim' } } });
    const types = events.map((event) => event.type);
    expect(types.indexOf('waitForChannelMessageBegin')).toBeLessThan(
      types.indexOf('waitForChannelMessageEnd'),
    );
    expect(types.indexOf('waitForChannelMessageEnd')).toBeLessThan(types.indexOf('token'));
    expect(messagesOfType(events, 'activity')[0].meta).toEqual({
      function: { name: 'approveOrder', arguments: { orderId: 42 }, result: { approved: true, by: 'Kim' } },
    });
    expect(resultOf(events).text).toContain('| Approved | yes |\n| By | Kim |');
    expect(events.find((event) => event.type === 'waitForChannelMessageBegin')?.data).toEqual({
      channelId: 'approvals-42',
      function: { name: 'approveOrder', arguments: { orderId: 42 } },
    });
  });

  it('speaks as the backstory persona and applies the matching ability', async () => {
    const events = await run(shopRequest);
    const reply = resultOf(events).text;
    expect(reply.startsWith("I'm Ava.")).toBe(true);
    expect(reply).toContain(
      'Applying the "Refund helper" ability from support: Always mention the 14 day window.',
    );
    expect(botMessage(events).meta).toMatchObject({
      persona: 'Ava',
      ability: {
        name: 'Refund helper',
        skillset: 'support',
        instruction: 'Always mention the 14 day window.',
      },
    });
  });

  it('states the backstory it follows when it names no persona, including a top-level backstory', async () => {
    const events = await run({
      messages: [userMessage('hi there')],
      backstory: 'Answer like a pirate. Keep it short.',
    });
    expect(resultOf(events).text.startsWith('Following the backstory: "Answer like a pirate."')).toBe(true);
  });

  it('never puts an ability secretId into any event', async () => {
    const events = await run(shopRequest);
    const serialised = JSON.stringify(events);
    expect(serialised).not.toContain('secret-refund-7f3a');
    expect(serialised).not.toContain('secret-translate-91bc');
    expect(serialised).not.toContain('secretId');
  });

  it('tells the current time in the caller time zone and names the zone', async () => {
    const engine = createLocalEngine({ now: () => new Date('2025-03-03T12:05:00Z') });
    const request = { messages: [userMessage('What time is it?')] };
    const tokyo = await run(request, { timezone: 'Asia/Tokyo' }, engine);
    expect(resultOf(tokyo).text).toBe('It is Monday, March 3, 2025 at 21:05 in Asia/Tokyo.');
    const newYork = await run(request, { timezone: 'America/New_York' }, engine);
    expect(resultOf(newYork).text).toBe('It is Monday, March 3, 2025 at 07:05 in America/New_York.');
    const unknown = await run(request, { timezone: 'Mars/Olympus' }, engine);
    expect(resultOf(unknown).text).toBe('It is Monday, March 3, 2025 at 12:05 in UTC.');
  });

  it('streams the reply as tokens that join to result.text, then emits the bot message, usage and result', async () => {
    const events = await run(shopRequest);
    const tokens = tokensOf(events);
    const result = resultOf(events);
    expect(tokens.length).toBeGreaterThan(10);
    expect(tokens.slice(1).every((token) => /^\s+\S+$/.test(token))).toBe(true);
    expect(tokens.join('')).toBe(result.text);
    expect(botMessage(events).text).toBe(result.text);

    const usage = eventsOfType(events, 'usage')[0].data;
    // 1 + 5 + 11 message words, 11 backstory words.
    expect(usage).toEqual({ model: 'local', inputTokensUsed: 28, outputTokensUsed: tokens.length });
    expect(result.usage.token).toBe(28 + tokens.length);
    expect(result.end).toEqual({ reason: 'stop' });
    // The channel's framing and failures are the executor's, never the engine's: none of them appears.
    const types: string[] = events.map((event) => event.type);
    expect(['completeBegin', 'completeEnd', 'error', 'abort'].filter((type) => types.includes(type))).toEqual(
      [],
    );
  });

  it('replies with exactly N tokens to "repeat N", skipping everything else', async () => {
    const events = await run({ ...shopRequest, messages: [userMessage('repeat 1000 please')] });
    const tokens = tokensOf(events);
    expect(tokens).toHaveLength(1000);
    expect(tokens[0]).toBe(' token1');
    expect(tokens[999]).toBe(' token1000');
    expect(messagesOfType(events, 'activity')).toEqual([]);
    expect(resultOf(events).text).toBe(tokens.join(''));
    expect(eventsOfType(events, 'usage')[0].data.outputTokensUsed).toBe(1000);
    expect(repeatCount('Repeat 0')).toBe(0);
    expect(repeatCount('repeat 99999999')).toBe(MAX_REPEAT_TOKENS);
    expect(repeatCount('please repeat 5')).toBeUndefined();
  });

  it('stops with an error when the run is cancelled mid-reply', async () => {
    const recording = recordingContext(shopRequest, {
      tokenDelayMs: 5,
      onEmit: (event, events) => {
        if (tokensOf(events).length === 3) recording.controller.abort(new Error('cancelled by user'));
      },
    });
    await expect(localEngine.run(recording.ctx)).rejects.toThrow();
    expect(tokensOf(recording.events)).toHaveLength(3);
    expect(recording.events.some((event) => event.type === 'result' || event.type === 'usage')).toBe(false);
  });

  it('does not start when the run is already cancelled', async () => {
    const recording = recordingContext(shopRequest);
    recording.controller.abort();
    await expect(localEngine.run(recording.ctx)).rejects.toThrow();
    expect(recording.events).toEqual([]);
  });

  it('greets deterministically when there is no user message yet', async () => {
    const plain = await run({ messages: [] });
    expect(resultOf(plain).text).toBe(
      "Hello! Send a message and the local engine will answer from this request's datasets, functions and skillsets.",
    );
    const persona = await run({ messages: [], extensions: { backstory: 'Your name is Max Power.' } });
    expect(resultOf(persona).text).toBe("Hello, I'm Max Power. How can I help?");
  });

  it('says plainly, in words for an audience, when nothing in the request matches', async () => {
    const events = await run({ messages: [userMessage('tell me a joke')] });
    expect(resultOf(events).text).toBe(
      '"tell me a joke" is not covered by any dataset, function or skill this conversation gives me. I\'m the built-in demo engine: I answer only from those, so add one that does and I\'ll answer from it.',
    );
    expect(botMessage(events).meta).toBeUndefined();
  });

  it('gives the same events for the same request', async () => {
    expect(await run(shopRequest)).toEqual(await run(shopRequest));
  });
});
