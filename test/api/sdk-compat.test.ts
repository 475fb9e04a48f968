// The official @chatbotkit/sdk, pointed at our server with baseUrl, works unchanged.
import { ChatBotKit } from '@chatbotkit/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subscribe } from '../support/api-client';
import { startServer, type RunningServer } from '../support/next-server';

let server: RunningServer;

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

describe('@chatbotkit/sdk against our server', () => {
  it('dispatches with conversation.dispatch(null, payload) and streams the run with channel.subscribe().stream()', async () => {
    const client = new ChatBotKit({ secret: 'unused-without-API_SECRET', baseUrl: server.url });
    const payload = {
      messages: [{ type: 'user' as const, text: 'What are your opening hours?' }],
      extensions: {
        backstory: 'You are Ava, the front desk assistant.',
        datasets: [
          {
            name: 'FAQ',
            records: [
              { text: 'Opening hours are 9am to 5pm, Monday to Friday.' },
              { text: 'Parking is free for guests.' },
            ],
          },
        ],
      },
      model: 'local',
    };
    const { channelId } = await client.conversation.dispatch(null, payload);
    expect(typeof channelId).toBe('string');

    const viaSdk: unknown[] = [];
    for await (const item of client.channel.subscribe(channelId).stream()) viaSdk.push(item);

    const viaHttp = await subscribe(server.url, channelId);
    expect(viaSdk).toEqual(viaHttp.lines);
    const types = viaHttp.lines.map((line) => line.data.type);
    expect(types[0]).toBe('completeBegin');
    expect(types.at(-1)).toBe('completeEnd');
    const result = viaHttp.lines.find((line) => line.data.type === 'result')?.data.data as { text: string };
    expect(result.text).toContain('Opening hours are 9am to 5pm');
  });

  it('publishes a function result with channel.publish', async () => {
    const client = new ChatBotKit({ secret: 'unused', baseUrl: server.url });
    const answers = `answers-${Date.now()}`;
    const { channelId } = await client.conversation.dispatch(null, {
      messages: [{ type: 'user', text: 'checkStock for item 7' }],
      functions: [
        {
          name: 'checkStock',
          description: 'Check the stock of an item',
          parameters: { type: 'object', properties: { item: { type: 'integer' } } },
          result: { channel: answers },
        },
      ],
    });
    const seen: string[] = [];
    for await (const item of client.channel.subscribe(channelId).stream()) {
      const event = item.data as { type?: string };
      if (!event.type) continue;
      seen.push(event.type);
      if (event.type === 'waitForChannelMessageBegin') {
        await client.channel.publish(answers, { message: { inStock: 12 } });
      }
    }
    expect(seen).toContain('waitForChannelMessageEnd');
    expect(seen.at(-1)).toBe('completeEnd');
    const run = await (await fetch(`${server.url}/api/runs/${channelId}`)).json();
    expect(run.run.status).toBe('completed');
  });
});
