// The local engine's real work, seen through the API: retrieval, functions, abilities, time zones.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch, subscribe, type SubscribeLine } from '../support/api-client';
import { startServer, type RunningServer } from '../support/next-server';

let server: RunningServer;

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

const dataOf = <T>(lines: SubscribeLine[], type: string) =>
  lines.filter((line) => line.data.type === type).map((line) => line.data.data as T);

describe('local engine over HTTP', () => {
  it('answers from the best dataset record and names it', async () => {
    const channelId = await dispatch(server.url, {
      messages: [{ type: 'user', text: 'How do I get a refund for my order?' }],
      extensions: {
        datasets: [
          {
            name: 'Support',
            records: [
              { text: 'Shipping takes three to five business days.' },
              { text: 'Refunds are issued within 14 days of receiving the returned order.' },
              { text: 'Our office is closed on public holidays.' },
            ],
          },
        ],
      },
    });
    const { lines } = await subscribe(server.url, channelId);
    const [result] = dataOf<{ text: string }>(lines, 'result');
    expect(result.text).toContain('Refunds are issued within 14 days');
    expect(result.text).not.toContain('public holidays');
  });

  it('calls the matching function with its static result and reports it as an activity message', async () => {
    const channelId = await dispatch(server.url, {
      messages: [{ type: 'user', text: 'What is the weather in Lisbon?' }],
      functions: [
        {
          name: 'getWeather',
          description: 'Current weather for a city',
          parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
          result: { data: { forecast: 'sunny', celsius: 24 } },
        },
        {
          name: 'bookTable',
          description: 'Book a restaurant table',
          parameters: { type: 'object', properties: { guests: { type: 'integer' } } },
          result: { data: { booked: true } },
        },
      ],
    });
    const { lines } = await subscribe(server.url, channelId);
    const activities = dataOf<{ type: string; meta: { function: { name: string; arguments: Record<string, unknown>; result: unknown } } }>(
      lines,
      'message',
    ).filter((message) => message.type === 'activity');
    expect(activities).toHaveLength(1);
    expect(activities[0].meta.function.name).toBe('getWeather');
    expect(activities[0].meta.function.arguments).toEqual({ city: 'Lisbon' });
    expect(activities[0].meta.function.result).toEqual({ forecast: 'sunny', celsius: 24 });
    const [usage] = dataOf<{ model: string }>(lines, 'usage');
    expect(usage.model).toBe('local');
  });

  it('states the current time in the X-Timezone zone', async () => {
    const channelId = await dispatch(
      server.url,
      { messages: [{ type: 'user', text: 'What time is it?' }] },
      { 'x-timezone': 'Asia/Tokyo' },
    );
    const { lines } = await subscribe(server.url, channelId);
    const [result] = dataOf<{ text: string }>(lines, 'result');
    const tokyoTime = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Tokyo', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date());
    expect(result.text).toContain('Asia/Tokyo');
    const [hours] = tokyoTime.split(':');
    expect(result.text).toMatch(new RegExp(`\\b${hours}:\\d\\d\\b`));
  });
});
