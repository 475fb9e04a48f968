// Compare sends one conversation to the local engine and to an OpenAI-compatible endpoint (a fake
// upstream) at once: both runs stream tokens on their own channels and finish.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventTypes, subscribe } from '../support/api-client';
import { allEnded, createExperiment, waitForCells } from '../support/experiments';
import { startFakeOpenAi, textReply, type FakeOpenAi } from '../support/fake-openai';
import { startServer, type RunningServer } from '../support/next-server';

describe('compare the local engine with an OpenAI-compatible one', () => {
  let fake: FakeOpenAi;
  let server: RunningServer;

  beforeAll(async () => {
    fake = await startFakeOpenAi(textReply('Your order ships on Monday from the fake model.'));
    server = await startServer({ env: { OPENAI_BASE_URL: fake.url, OPENAI_API_KEY: 'sk-test-compare' } });
  }, 90_000);
  afterAll(async () => {
    await server?.stop();
    await fake?.close();
  });

  it('streams both columns to their end, each with its own figures', async () => {
    const experiment = await createExperiment(server.url, {
      kind: 'compare',
      request: { messages: [{ type: 'user', text: 'When does my order ship?' }] },
      variants: [
        { label: 'Local', model: 'local' },
        { label: 'Fake GPT', model: 'openai/fake-model' },
      ],
    });
    const cells = await waitForCells(server.url, experiment.id, allEnded);
    expect(cells.map((cell) => cell.status)).toEqual(['completed', 'completed']);

    const [local, openai] = await Promise.all(
      cells.map((cell) => subscribe(server.url, cell.channelId as string)),
    );
    for (const stream of [local, openai]) {
      const types = eventTypes(stream.lines);
      expect(types[0]).toBe('completeBegin');
      expect(types.filter((type) => type === 'token').length).toBeGreaterThan(1);
      expect(types.slice(-2)).toEqual(['result', 'completeEnd']);
    }
    expect(cells[1].firstLine).toBe('Your order ships on Monday from the fake model.');
    expect(cells[0].firstLine).not.toContain('fake model');
    expect(fake.requests.at(-1)?.body.model).toBe('fake-model');
    for (const cell of cells) {
      expect(cell.outputTokens).toBeGreaterThan(0);
      expect(cell.timeToFirstTokenMs).toBeGreaterThanOrEqual(0);
      expect(cell.durationMs).toBeGreaterThanOrEqual(0);
    }
  }, 60_000);
});
