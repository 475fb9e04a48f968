// POST /conversation/complete obeys the limits dispatch does: it waits for an execution slot in the same
// queue (MAX_CONCURRENT_RUNS), is refused with 429 and Retry-After past MAX_QUEUED_RUNS, and stops
// producing while its client does not read (back-pressure), so idle readers cannot grow the server.
import fs from 'node:fs';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch, postJson } from '../support/api-client';
import { BACKENDS, startBackend, type RunningBackend } from '../support/backends';
import { startServer, type RunningServer } from '../support/next-server';
import { waitingRun, waitUntil } from '../support/waiting-run';

const hello = { messages: [{ type: 'user', text: 'repeat 2' }] };

const runStatus = async (url: string, channelId: string) =>
  ((await (await fetch(`${url}/api/runs/${channelId}`)).json()) as { run: { status: string } }).run.status;

describe.each(BACKENDS)('complete on the %s backend', (backendName) => {
  let server: RunningBackend;

  beforeAll(async () => {
    server = await startBackend(backendName, {
      MAX_CONCURRENT_RUNS: '1',
      MAX_QUEUED_RUNS: '2',
      CHANNEL_WAIT_TIMEOUT_MS: '60000',
    });
  });
  afterAll(() => server?.stop());

  it('answers 429 with Retry-After when the queue is full, as dispatch does', async () => {
    const channel = `full-${backendName}-${Date.now()}`;
    // The one slot held by a run waiting for an answer. In one process a waiting run lends its slot once
    // (as many as there are slots), so there a second waiting run is what holds it.
    const holders = backendName === 'embedded' ? 2 : 1;
    for (let index = 0; index < holders; index += 1) {
      const holding = await dispatch(server.url, waitingRun(channel));
      await waitUntil(
        () => runStatus(server.url, holding),
        (status) => status === 'waiting',
      );
    }
    const queued = [await dispatch(server.url, hello), await dispatch(server.url, hello)];
    for (const channelId of queued) expect(await runStatus(server.url, channelId)).toBe('queued');

    for (const accept of ['application/json', 'application/jsonl']) {
      const refused = await postJson(`${server.url}/api/v1/conversation/complete`, hello, { accept });
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await refused.json()).toMatchObject({ code: 'TOO_MANY_REQUESTS' });
    }
    expect((await postJson(`${server.url}/api/v1/conversation/dispatch`, hello)).status).toBe(429);

    await postJson(`${server.url}/api/v1/channel/${channel}/publish`, { message: { ok: true } });
    for (const channelId of queued) {
      await waitUntil(
        () => runStatus(server.url, channelId),
        (status) => status === 'completed',
      );
    }
    expect((await postJson(`${server.url}/api/v1/conversation/complete`, hello)).status).toBe(200);
  });
});

describe('complete in the embedded queue', () => {
  let server: RunningServer;

  beforeAll(async () => {
    server = await startServer({
      env: { MAX_CONCURRENT_RUNS: '1', MAX_QUEUED_RUNS: '2', CHANNEL_WAIT_TIMEOUT_MS: '60000' },
    });
  });
  afterAll(() => server?.stop());

  it('waits for an execution slot, in turn with dispatched runs', async () => {
    const channel = `slot-${Date.now()}`;
    // The first waiting run lends the one slot; the second keeps it.
    const holders = [];
    for (let index = 0; index < 2; index += 1) {
      const holding = await dispatch(server.url, waitingRun(channel));
      await waitUntil(
        () => runStatus(server.url, holding),
        (status) => status === 'waiting',
      );
      holders.push(holding);
    }

    let answered = false;
    const completion = postJson(`${server.url}/api/v1/conversation/complete`, hello).then((response) => {
      answered = true;
      return response;
    });
    // A later dispatch is stored and queued: the server has taken in the completion sent before it, which
    // would have been answered by now if it did not wait for the slot.
    const later = await dispatch(server.url, hello);
    await waitUntil(
      () => runStatus(server.url, later),
      (status) => status === 'queued',
    );
    expect(answered).toBe(false);

    await postJson(`${server.url}/api/v1/channel/${channel}/publish`, { message: { ok: true } });
    const response = await completion;
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ end: { reason: expect.any(String) } });
    for (const holding of holders)
      await waitUntil(
        () => runStatus(server.url, holding),
        (status) => status === 'completed',
      );
    await waitUntil(
      () => runStatus(server.url, later),
      (status) => status === 'completed',
    );
  });
});

describe('complete with an owner cap', () => {
  const ALPHA = 'complete-alpha-secret-0123456789';
  const BETA = 'complete-beta-secret-9876543210';
  const alpha = { authorization: `Bearer ${ALPHA}` };
  const beta = { authorization: `Bearer ${BETA}` };
  let server: RunningServer;

  beforeAll(async () => {
    server = await startServer({
      env: {
        API_SECRET: `${ALPHA},${BETA}`,
        MAX_CONCURRENT_RUNS: '4',
        MAX_RUNS_PER_OWNER: '2',
        CHANNEL_WAIT_TIMEOUT_MS: '60000',
      },
    });
  });
  afterAll(() => server?.stop());

  const statusAs = async (channelId: string, headers: Record<string, string>) =>
    (
      (await (await fetch(`${server.url}/api/runs/${channelId}`, { headers })).json()) as {
        run: { status: string };
      }
    ).run.status;

  it("counts a completion against its owner's slots, not another owner's", async () => {
    const channel = `cap-${Date.now()}`;
    // Alpha's first two waiting runs lend their slots (an owner lends at most its cap); the next two keep
    // alpha's two slots.
    const held = [];
    for (let index = 0; index < 4; index += 1) held.push(await dispatch(server.url, waitingRun(channel), alpha));
    for (const channelId of held)
      await waitUntil(
        () => statusAs(channelId, alpha),
        (status) => status === 'waiting',
      );

    let alphaAnswered = false;
    const alphaCompletion = postJson(`${server.url}/api/v1/conversation/complete`, hello, alpha).then(
      (response) => {
        alphaAnswered = true;
        return response;
      },
    );
    // Beta's completion, sent after alpha's, is answered while alpha's waits for one of alpha's two slots.
    expect((await postJson(`${server.url}/api/v1/conversation/complete`, hello, beta)).status).toBe(200);
    expect(alphaAnswered).toBe(false);

    await postJson(`${server.url}/api/v1/channel/${channel}/publish`, { message: { ok: 1 } }, alpha);
    expect((await alphaCompletion).status).toBe(200);
    await postJson(`${server.url}/api/v1/channel/${channel}/publish`, { message: { ok: 2 } }, alpha);
    for (const channelId of held)
      await waitUntil(
        () => statusAs(channelId, alpha),
        (status) => status === 'completed',
      );
  });
});

/** The server process's resident memory (MB) and CPU time (ms), from /proc. */
function processUsage(pid: number): { rssMb: number; cpuMs: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  // utime and stime are fields 14 and 15 of the whole line (11 and 12 after the command), in 10 ms ticks.
  return { rssMb: rssKb / 1024, cpuMs: (Number(fields[11]) + Number(fields[12])) * 10 };
}

/** Sends a JSONL completion over a raw socket and stops reading once the answer has begun. */
function openIdleReader(port: number, body: unknown): Promise<net.Socket> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.write(
        `POST /api/v1/conversation/complete HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\n` +
          `Accept: application/jsonl\r\nContent-Length: ${Buffer.byteLength(payload)}\r\n\r\n${payload}`,
      );
    });
    socket.once('data', (chunk) => {
      socket.pause();
      if (chunk.toString('latin1').startsWith('HTTP/1.1 200')) resolve(socket);
      else reject(new Error(`complete answered ${chunk.toString('latin1').slice(0, 200)}`));
    });
    socket.once('error', reject);
  });
}

describe('complete under clients that do not read', () => {
  let server: RunningServer;

  beforeAll(async () => {
    server = await startServer({ env: { MAX_CONCURRENT_RUNS: '6' } });
  });
  afterAll(() => server?.stop());

  it('six JSONL readers that never read stop their runs: memory stays bounded and a probe answers promptly', async () => {
    const pid = server.process.pid as number;
    expect((await postJson(`${server.url}/api/v1/conversation/complete`, hello)).status).toBe(200);
    const before = processUsage(pid);

    const big = { messages: [{ type: 'user', text: 'repeat 1000000' }] };
    const readers = await Promise.all(Array.from({ length: 6 }, () => openIdleReader(server.port, big)));
    try {
      // The engines stop once their clients' buffers are full: the server goes idle long before a
      // million tokens each could have been produced. What remains is what the kernel's socket buffers
      // took (loopback autotuning allows up to 32 MB per connection) and the engines' replies so far.
      let last = processUsage(pid);
      await waitUntil(
        async () => {
          await new Promise((resolve) => setTimeout(resolve, 1000));
          const now = processUsage(pid);
          const busyMs = now.cpuMs - last.cpuMs;
          last = now;
          return busyMs;
        },
        (busyMs) => busyMs < 100,
        60_000,
        'server idle with six readers that do not read',
      );
      const grownMb = processUsage(pid).rssMb - before.rssMb;
      console.log(`[complete back-pressure] RSS ${before.rssMb.toFixed(0)} MB → +${grownMb.toFixed(0)} MB`);
      expect(grownMb).toBeLessThan(200);

      // The best of five probes: on a shared, loaded machine one probe may wait for the CPU, but a server
      // busy producing for its readers (as before back-pressure: 11.5 s) answers none of them promptly.
      const probes: number[] = [];
      for (let attempt = 0; attempt < 5; attempt += 1) {
        const probeStarted = performance.now();
        expect((await fetch(`${server.url}/api/v1/schema`)).status).toBe(200);
        probes.push(performance.now() - probeStarted);
      }
      console.log(`[complete back-pressure] probes ${probes.map((ms) => ms.toFixed(1)).join(', ')} ms`);
      expect(Math.min(...probes)).toBeLessThan(500);
    } finally {
      for (const reader of readers) reader.destroy();
    }
    // The six slots they held are given back when they go: a completion that needs one is answered.
    const after = await postJson(`${server.url}/api/v1/conversation/complete`, hello, {}).catch(
      () => undefined,
    );
    expect(after?.status).toBe(200);
  }, 120_000);
});
