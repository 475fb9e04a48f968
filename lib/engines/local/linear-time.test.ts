// The local engine reads attacker-chosen text: every scan of it must be linear. A whole run (function
// choice, argument extraction, retrieval, abilities, reply) on a 100 KB adversarial message takes
// under 100 ms of CPU; the quadratic scans this replaced took 5–11 s on some of these messages.
// CPU time, not wall time, is measured: on a shared machine the wall clock also counts other
// processes' turns, which says nothing about this code.
import fs from 'node:fs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { localEngine } from './index';
import { recordingContext, userMessage } from './test-context';

const MESSAGE_LENGTH = 100_000;
const RUN_BUDGET_MS = 100;

const parameter = (description: string) => ({ type: 'string', description });

/** Parameter names that differ only in case used to multiply the work; they are here on purpose. */
const functions = [
  {
    name: 'lookupCity',
    description: 'Look up a city',
    parameters: {
      type: 'object',
      properties: {
        city: parameter('The city'),
        City: parameter('The city again'),
        CITY: parameter('And again'),
        cItY: parameter('And again'),
      },
    },
    call: { start: true },
    result: { data: { ok: true } },
  },
  {
    name: 'lookupInvoice',
    description: 'Look up an invoice',
    parameters: {
      type: 'object',
      properties: {
        invoiceId: parameter('The invoice id'),
        month: parameter('Month of the invoice'),
        amount: { type: 'number' },
        status: { type: 'string', enum: ['paid', 'open', 'long overdue'] },
        contact: { type: 'string', format: 'email' },
        note: parameter('Anything else'),
      },
    },
    call: { start: true },
  },
  {
    name: 'getWeather',
    description: 'Current weather for a city',
    parameters: {
      type: 'object',
      properties: { city: { type: 'string' }, day: { type: 'string', format: 'date' } },
    },
  },
];

const request = (text: string) => ({
  messages: [userMessage(text)],
  functions,
  extensions: {
    backstory: `You are Ava. ${text.slice(0, 40_000)}`,
    datasets: [
      { name: 'faq', records: [{ text: 'Invoices are sent monthly.' }, { text: 'Paris is sunny.' }] },
    ],
    skillsets: [
      { abilities: [{ name: 'billing', description: 'Invoices and payments', instruction: 'Be exact.' }] },
    ],
  },
});

/**
 * Milliseconds the main thread spent on a CPU (Linux: /proc/<pid>/task/<pid>/schedstat), which is where the
 * engine runs; elsewhere the whole process's user + system time. Not process.cpuUsage on Linux: it also
 * counts the garbage collector's helper threads, which on a busy 2-core machine doubled some readings.
 */
const mainThreadCpu = `/proc/${process.pid}/task/${process.pid}/schedstat`;
function cpuMs(): number {
  if (fs.existsSync(mainThreadCpu)) return Number(fs.readFileSync(mainThreadCpu, 'utf8').split(' ')[0]) / 1e6;
  const used = process.cpuUsage();
  return (used.user + used.system) / 1000;
}

/** CPU milliseconds the run took. Vitest runs each test file in its own process. */
async function timedRun(text: string): Promise<number> {
  const { ctx } = recordingContext(request(text));
  const started = cpuMs();
  await localEngine.run(ctx);
  return cpuMs() - started;
}

/**
 * CPU milliseconds of a run of `text`, measured again (at most twice more) when over budget, keeping the
 * least: on a busy 2-core machine the other core's work slows this thread too (one reading of 105 ms came
 * with the whole test suite running beside it). Work that is really slow, like the quadratic scans this test
 * guards against (seconds), is slow every time. A short run between readings drops the engine's cached
 * scan of the message, so each reading scans it afresh.
 */
async function leastOfRuns(text: string): Promise<number> {
  let least = await timedRun(text);
  for (let retry = 0; retry < 2 && least >= RUN_BUDGET_MS; retry += 1) {
    await timedRun('a short message');
    least = Math.min(least, await timedRun(text));
  }
  return least;
}

const fill = (unit: string, length = MESSAGE_LENGTH) =>
  unit.repeat(Math.ceil(length / unit.length)).slice(0, length);

/** Pieces that drove backtracking or repeated scans: separators, quotes, name variants, unicode. */
const UNITS = [
  ' ',
  '.',
  '!?',
  ';',
  '\n',
  ':',
  '=',
  '"',
  "'",
  ',',
  '-',
  '_',
  '\t',
  '\u00a0',
  'city ',
  'City: ',
  'CITY=',
  'cItY is ',
  'is ',
  'INV ',
  '5512 ',
  'March ',
  'a',
  '1',
  '1.',
  'é',
  '😀',
  'invoice id ',
  'http://',
  '@',
  'Paris ',
  'what time is it',
];

describe('the local engine on adversarial 100 KB messages', () => {
  // One-time JIT compilation of the code paths is not per-run work: warm them up first, unmeasured, with
  // a message of every kind of piece (a piece's first 100 KB message takes ~80 ms on a 2 GHz core while
  // V8 compiles its paths, then ~5 ms).
  beforeAll(async () => {
    for (const unit of ['INV ', 'city: ', 'é😀 ', 'March 5512 ', '. ', ...UNITS]) await timedRun(fill(unit));
  });

  it.each([
    ['"city" + 99,990 spaces + ","', `city${' '.repeat(99_990)},`],
    ['50,000 dots then "x"', `${'.'.repeat(50_000)}x`.padEnd(MESSAGE_LENGTH, '.')],
    ['"city" then an unclosed quote', `city "${'a'.repeat(99_990)}`],
    ['one long word', 'x'.repeat(MESSAGE_LENGTH)],
    ['a long name-value chain', fill('city: city: ')],
  ])('finishes a run in under 100 ms: %s', async (_name, text) => {
    expect(await leastOfRuns(text)).toBeLessThan(RUN_BUDGET_MS);
  });

  it('finishes every run in under 100 ms for 200 generated messages', async () => {
    const message = fc
      .record({
        prefix: fc.constantFrom('', 'city', 'check invoice ', 'What is the weather in ', '"'),
        units: fc.array(fc.constantFrom(...UNITS), { minLength: 1, maxLength: 4 }),
        suffix: fc.constantFrom('', ',', 'x', ' Paris', '"', '.'),
      })
      .map(
        ({ prefix, units, suffix }) =>
          prefix + fill(units.join(''), MESSAGE_LENGTH - prefix.length - suffix.length) + suffix,
      );
    const slow: string[] = [];
    let runs = 0;
    let slowestMs = 0;
    // fc.check, not fc.assert: a failing 100 KB counterexample would be printed whole.
    const details = await fc.check(
      fc.asyncProperty(message, async (text) => {
        const ms = await leastOfRuns(text);
        runs += 1;
        slowestMs = Math.max(slowestMs, ms);
        if (ms >= RUN_BUDGET_MS) slow.push(`${ms.toFixed(0)} ms: ${JSON.stringify(text.slice(0, 40))}…`);
        return text.length === MESSAGE_LENGTH && ms < RUN_BUDGET_MS;
      }),
      { numRuns: 200, seed: 13, endOnFailure: true },
    );
    expect(slow).toEqual([]);
    expect(details.failed).toBe(false);
    expect(runs).toBeGreaterThanOrEqual(200);
    console.log(`200 adversarial runs, slowest ${slowestMs.toFixed(1)} ms of CPU`);
  }, 120_000);
});
