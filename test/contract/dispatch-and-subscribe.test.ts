// The dispatch → subscribe contract (README, "The API"; docs/architecture.md) against real servers,
// once per backend: embedded (SQLite, in-process queue) and Redis (Streams, BullMQ, a separate worker
// process).
import Database from 'better-sqlite3';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch, eventTypes, postJson, subscribe, tokenText } from '../support/api-client';
import { BACKENDS, startBackend, type RunningBackend } from '../support/backends';

describe.each(BACKENDS)('%s backend', (backendName) => {
  let backend: RunningBackend;
  beforeAll(async () => {
    backend = await startBackend(backendName);
  });
  afterAll(async () => {
    await backend?.stop();
  });

  const userMessage = (text: string) => ({ messages: [{ type: 'user', text }] });

  describe('POST /api/v1/conversation/dispatch then subscribe', () => {
    it('answers with a channelId and streams completeBegin … token … result, completeEnd in order', async () => {
      const channelId = await dispatch(backend.url, userMessage('repeat 50'));
      expect(channelId).toMatch(/^[A-Za-z0-9_-]+$/);
      const { status, lines } = await subscribe(backend.url, channelId);
      expect(status).toBe(200);
      const types = eventTypes(lines);
      expect(types[0]).toBe('completeBegin');
      expect(types.filter((type) => type === 'token')).toHaveLength(50);
      expect(types.indexOf('token')).toBeGreaterThan(0);
      expect(types.slice(-2)).toEqual(['result', 'completeEnd']);
      expect(types.lastIndexOf('token')).toBeLessThan(types.indexOf('result'));
      const result = lines.find((line) => line.data.type === 'result')?.data.data as { text: string };
      expect(tokenText(lines)).toBe(result.text);
    });

    it('writes JSONL lines {type:"message", id, data} with ids 1..n without gaps and never a blank line', async () => {
      const channelId = await dispatch(backend.url, userMessage('repeat 30'));
      const response = await postJson(`${backend.url}/api/v1/channel/${channelId}/subscribe`, {});
      expect(response.headers.get('content-type')).toContain('application/jsonl');
      const body = await response.text();
      expect(body.endsWith('\n')).toBe(true);
      const rawLines = body.slice(0, -1).split('\n');
      expect(rawLines.every((line) => line.trim().length > 0)).toBe(true);
      const parsed = rawLines.map((line) => JSON.parse(line));
      parsed.forEach((line, index) => {
        expect(Object.keys(line)).toEqual(['type', 'id', 'data']);
        expect(line.type).toBe('message');
        expect(line.id).toBe(String(index + 1));
        expect(typeof line.data.type).toBe('string');
      });
    });

    it("with withTimes, adds each event's stored time to its line, the same on every read", async () => {
      const before = Date.now();
      const channelId = await dispatch(backend.url, userMessage('repeat 20'));
      const first = await subscribe(backend.url, channelId, { withTimes: true });
      const again = await subscribe(backend.url, channelId, { withTimes: true, after: 5 });
      const plain = await subscribe(backend.url, channelId);
      const times = first.lines.map((line) => (line as unknown as { at: number }).at);
      expect(times.every((at) => Number.isInteger(at) && at >= before && at <= Date.now())).toBe(true);
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(again.lines.map((line) => (line as unknown as { at: number }).at)).toEqual(times.slice(5));
      expect(Object.keys(first.lines[0])).toEqual(['type', 'id', 'at', 'data']);
      expect(Object.keys(plain.lines[0])).toEqual(['type', 'id', 'data']);
    });

    it('gives two subscribers identical sequences', async () => {
      const channelId = await dispatch(backend.url, userMessage('repeat 2000'));
      const [first, second] = await Promise.all([
        subscribe(backend.url, channelId),
        subscribe(backend.url, channelId),
      ]);
      expect(first.raw.length).toBeGreaterThan(2000);
      expect(second.raw).toEqual(first.raw);
    });

    it('lets a subscriber that dropped after event k resume with after=k and get exactly the rest', async () => {
      const channelId = await dispatch(backend.url, userMessage('repeat 3000'));
      const complete = await subscribe(backend.url, channelId);
      const k = 1234;
      const dropped = await subscribe(backend.url, channelId, {}, { onLine: (line) => Number(line.id) < k });
      expect(dropped.lines.at(-1)?.id).toBe(String(k));
      const rest = await subscribe(backend.url, channelId, { after: k });
      expect(rest.lines[0].id).toBe(String(k + 1));
      expect([...dropped.raw, ...rest.raw]).toEqual(complete.raw);
    });

    it('replays only the last n events with historyLength and closes for an ended run', async () => {
      const channelId = await dispatch(backend.url, userMessage('repeat 20'));
      const all = await subscribe(backend.url, channelId);
      const lastThree = await subscribe(backend.url, channelId, { historyLength: 3 });
      expect(lastThree.raw).toEqual(all.raw.slice(-3));
      expect(eventTypes(lastThree.lines).at(-1)).toBe('completeEnd');
    });

    it('answers 404 NOT_FOUND for an unknown channel', async () => {
      const response = await postJson(`${backend.url}/api/v1/channel/no-such-channel/subscribe`, {});
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ code: 'NOT_FOUND' });
    });

    it('uses a client-chosen channelId and refuses it a second time with 409', async () => {
      const channelId = `chosen-${Date.now()}`;
      expect(await dispatch(backend.url, { ...userMessage('hello'), channelId })).toBe(channelId);
      const again = await postJson(`${backend.url}/api/v1/conversation/dispatch`, {
        ...userMessage('hello'),
        channelId,
      });
      expect(again.status).toBe(409);
    });
    // Stored before seen: test/contract/stored-before-seen.test.ts holds every append so the opposite
    // order would fail there.
  });

  describe('POST /api/v1/conversation/complete', () => {
    it('answers JSON {text, usage:{token}, end:{reason}} with the same engine', async () => {
      const response = await postJson(`${backend.url}/api/v1/conversation/complete`, userMessage('repeat 5'));
      expect(response.status).toBe(200);
      const body = await response.json();
      expect(body).toMatchObject({ usage: { token: expect.any(Number) }, end: { reason: 'stop' } });
      expect(body.text.trim().split(/\s+/)).toHaveLength(5);
    });

    it('answers the raw events as JSONL with Accept: application/jsonl', async () => {
      const response = await postJson(
        `${backend.url}/api/v1/conversation/complete`,
        userMessage('repeat 5'),
        {
          accept: 'application/jsonl',
        },
      );
      expect(response.headers.get('content-type')).toContain('application/jsonl');
      const events = (await response.text())
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line));
      expect(events.map((event) => event.type)).toEqual([
        'completeBegin',
        ...Array(5).fill('token'),
        'message',
        'usage',
        'result',
        'completeEnd',
      ]);
    });
  });

  describe('GET /api/v1/schema', () => {
    it('serves the JSON Schema of the dispatch request', async () => {
      const response = await fetch(`${backend.url}/api/v1/schema`);
      expect(response.status).toBe(200);
      const schema = await response.json();
      expect(schema.type).toBe('object');
      expect(schema.required).toContain('messages');
      expect(Object.keys(schema.properties)).toEqual(
        expect.arrayContaining([
          'messages',
          'attachments',
          'contactId',
          'functions',
          'extensions',
          'limits',
          'channelId',
          'botId',
          'model',
        ]),
      );
      expect(schema.properties.messages.items.properties.type.enum).toEqual([
        'user',
        'bot',
        'reasoning',
        'context',
        'instruction',
        'backstory',
        'activity',
        'checkpoint',
      ]);
    });
  });
});

describe('embedded store', () => {
  it('keeps runs and events in a SQLite file (WAL) under DATA_DIR, each event stored before a subscriber sees it', async () => {
    const backend = await startBackend('embedded');
    try {
      const channelId = await dispatch(backend.url, { messages: [{ type: 'user', text: 'repeat 500' }] });
      const db = new Database(path.join(backend.server.dataDir, 'dispatch.sqlite'), {
        readonly: true,
        fileMustExist: true,
      });
      try {
        expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
        const storedSeq = db.prepare('SELECT MAX(last_seq) AS seq FROM event_batches JOIN channel_keys ON key = channel_key WHERE channel_id = ?');
        const unseenBeforeStored: number[] = [];
        await subscribe(
          backend.url,
          channelId,
          {},
          {
            onLine: (line) => {
              const { seq } = storedSeq.get(channelId) as { seq: number };
              if (seq < Number(line.id)) unseenBeforeStored.push(Number(line.id));
            },
          },
        );
        expect(unseenBeforeStored).toEqual([]);
        const run = db.prepare('SELECT status FROM runs WHERE channel_id = ?').get(channelId) as {
          status: string;
        };
        expect(run.status).toBe('completed');
      } finally {
        db.close();
      }
    } finally {
      await backend.stop();
    }
  });
});
