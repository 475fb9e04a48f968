// `npm test` lists the failed tests by name just above its closing line (a CI log is read from its tail):
// what it reads from vitest's and Playwright's JSON reports.
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs script without types
import { failedPlaywrightTests, failedVitestTests } from '../../scripts/test-report.mjs';

describe('the failed tests of the JSON reports', () => {
  it("names each failed vitest test with its file and its failure's first line", () => {
    const report = {
      testResults: [
        {
          name: '/repo/test/a.test.ts',
          assertionResults: [
            { status: 'passed', fullName: 'a passes', failureMessages: [] },
            {
              status: 'failed',
              fullName: 'a › fails',
              failureMessages: ['\n  AssertionError: expected 7 to be 8\n    at x'],
            },
          ],
        },
        {
          name: '/repo/test/b.test.ts',
          assertionResults: [{ status: 'skipped', fullName: 'b', failureMessages: [] }],
        },
      ],
    };
    expect(failedVitestTests(report, '/repo')).toEqual([
      { name: 'test/a.test.ts › a › fails', reason: 'AssertionError: expected 7 to be 8' },
    ]);
  });

  it('names each Playwright test that failed in its last try, not one that passed on a retry', () => {
    const test = (status: string, message?: string) => ({
      status,
      results: [{ error: message === undefined ? undefined : { message } }],
    });
    const report = {
      suites: [
        {
          title: 'live.spec.ts',
          specs: [
            {
              file: 'live.spec.ts',
              title: 'top level',
              tests: [test('unexpected', '\u001b[31mError: timed out\u001b[39m\nmore')],
            },
          ],
          suites: [
            {
              title: 'live view',
              specs: [
                { file: 'live.spec.ts', title: 'resumes', tests: [test('flaky')] },
                { file: 'live.spec.ts', title: 'cancels', tests: [test('unexpected')] },
              ],
            },
          ],
        },
      ],
    };
    expect(failedPlaywrightTests(report)).toEqual([
      { name: 'live.spec.ts › top level', reason: 'Error: timed out' },
      { name: 'live.spec.ts › live view › cancels', reason: undefined },
    ]);
  });
});
