// Chromium driven over its DevTools pipe, with no DevTools agent the page does not ask for.
//
// Playwright turns on the Network domain for every page it drives, and Chromium's network agent keeps
// each response body it can (up to 10 MB) for the inspector, decoding it when the response ends. A
// live view's subscription carries the whole run, so at its end the page's main thread spent 90–130 ms
// on that copy, in a task no user without DevTools open ever has (measured both ways on 2026-12-04).
// The live-view figure therefore talks to Chromium itself, enabling only Page, Runtime and Performance.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/support/chromium';

interface Reply {
  id?: number;
  method?: string;
  params?: Record<string, unknown>;
  sessionId?: string;
  result?: Record<string, unknown>;
  error?: { message: string };
}

type Listener = (params: Record<string, unknown>) => void;

/** Headless, no first window, and the same no-throttling switches Playwright gives its Chromium. */
const PIPE_ARGS = [
  '--headless',
  '--remote-debugging-pipe',
  '--no-startup-window',
  '--disable-extensions',
  '--disable-default-apps',
  '--disable-component-extensions-with-background-pages',
  '--disable-background-timer-throttling',
  '--disable-backgrounding-occluded-windows',
  '--disable-renderer-backgrounding',
  '--disable-ipc-flooding-protection',
];

/**
 * Chromium's helper processes can still be writing to the profile when the browser has exited
 * (ENOTEMPTY seen once, which ended the whole bench run); a profile left in the temp folder is harmless.
 */
function removeProfile(profile: string): void {
  try {
    rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  } catch (error) {
    console.warn(`[bench] left Chromium's profile ${profile}: ${(error as Error).message}`);
  }
}

/** A headless Chromium and one DevTools connection to it over `--remote-debugging-pipe`. */
export class PipeBrowser {
  private nextId = 0;
  private readonly pending = new Map<number, { resolve: (r: Reply) => void; reject: (e: Error) => void }>();
  private readonly listeners = new Map<string, Listener[]>();
  private buffered = '';

  private constructor(private readonly chromium: ChildProcess) {
    const fromChromium = chromium.stdio[4] as Readable;
    fromChromium.setEncoding('utf8');
    fromChromium.on('data', (text: string) => this.receive(text));
    chromium.once('exit', () => {
      for (const { reject } of this.pending.values()) reject(new Error('Chromium exited'));
      this.pending.clear();
    });
  }

  static async launch(): Promise<PipeBrowser> {
    const profile = mkdtempSync(path.join(os.tmpdir(), 'ds-bench-chromium-'));
    const chromium = spawn(CHROMIUM_PATH, [...CHROMIUM_ARGS, ...PIPE_ARGS, `--user-data-dir=${profile}`], {
      stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'],
    });
    chromium.once('exit', () => removeProfile(profile));
    const browser = new PipeBrowser(chromium);
    await browser.send('Browser.getVersion');
    return browser;
  }

  /** Sends one DevTools command, to the browser or to an attached page's session. */
  send(method: string, params: object = {}, sessionId?: string): Promise<Record<string, unknown>> {
    const id = ++this.nextId;
    const toChromium = this.chromium.stdio[3] as Writable;
    return new Promise((resolve, reject) => {
      this.pending.set(id, {
        resolve: (reply) =>
          reply.error ? reject(new Error(`${method}: ${reply.error.message}`)) : resolve(reply.result ?? {}),
        reject,
      });
      toChromium.write(`${JSON.stringify({ id, method, params, sessionId })}\0`);
    });
  }

  /** Calls `listener` with the params of every `method` event (any session); answers how to stop. */
  on(method: string, listener: Listener): () => void {
    this.listeners.set(method, [...(this.listeners.get(method) ?? []), listener]);
    return () =>
      this.listeners.set(
        method,
        (this.listeners.get(method) ?? []).filter((l) => l !== listener),
      );
  }

  /** A new page in a fresh browser context, attached with its own session. */
  async newPage(): Promise<PipePage> {
    const { browserContextId } = await this.send('Target.createBrowserContext');
    const { targetId } = await this.send('Target.createTarget', { url: 'about:blank', browserContextId });
    const { sessionId } = await this.send('Target.attachToTarget', { targetId, flatten: true });
    return new PipePage(this, sessionId as string, async () => {
      await this.send('Target.closeTarget', { targetId });
      await this.send('Target.disposeBrowserContext', { browserContextId });
    });
  }

  async close(): Promise<void> {
    if (this.chromium.exitCode !== null) return;
    const exited = new Promise((resolve) => this.chromium.once('exit', resolve));
    this.chromium.kill();
    await exited;
  }

  private receive(text: string): void {
    this.buffered += text;
    let end: number;
    while ((end = this.buffered.indexOf('\0')) >= 0) {
      const message = JSON.parse(this.buffered.slice(0, end)) as Reply;
      this.buffered = this.buffered.slice(end + 1);
      if (message.id !== undefined) {
        this.pending.get(message.id)?.resolve(message);
        this.pending.delete(message.id);
      } else if (message.method) {
        for (const listener of this.listeners.get(message.method) ?? []) listener(message.params ?? {});
      }
    }
  }
}

/** One page: commands go to its session; `evaluate` takes an expression, not a function. */
export class PipePage {
  constructor(
    private readonly browser: PipeBrowser,
    private readonly sessionId: string,
    readonly close: () => Promise<void>,
  ) {}

  send(method: string, params: object = {}): Promise<Record<string, unknown>> {
    return this.browser.send(method, params, this.sessionId);
  }

  /** The value of a JavaScript expression in the page (awaited when it is a promise). */
  async evaluate<T>(expression: string): Promise<T> {
    const reply = (await this.send('Runtime.evaluate', {
      expression,
      returnByValue: true,
      awaitPromise: true,
    })) as { result: { value: T }; exceptionDetails?: { text: string } };
    if (reply.exceptionDetails) throw new Error(`${expression}: ${reply.exceptionDetails.text}`);
    return reply.result.value;
  }

  /** Waits until `expression` is truthy, polling every `everyMs`. */
  async waitFor(expression: string, { timeoutMs = 120_000, everyMs = 20 } = {}): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await this.evaluate<unknown>(expression))) {
      if (Date.now() > deadline) throw new Error(`the page never showed ${expression}`);
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  }
}
