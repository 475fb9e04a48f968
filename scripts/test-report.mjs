// The failed tests of `npm test`'s two JSON reports (vitest, Playwright), by name with the first line of
// their failure, so scripts/test-all.mjs can list them again just above its closing line.

// Terminal colours, as in Playwright's messages.
const COLOURS = /\x1b\[[0-9;]*m/g;

/** A failure message's first line that says something, without terminal colours, cut to 300 characters. */
function firstLine(text) {
  return String(text ?? '')
    .replace(COLOURS, '')
    .split('\n')
    .find((line) => line.trim() !== '')
    ?.trim()
    .slice(0, 300);
}

/** The failed tests of a vitest JSON report, file paths relative to `root`. */
export function failedVitestTests(report, root) {
  return (report.testResults ?? []).flatMap((file) =>
    (file.assertionResults ?? [])
      .filter((test) => test.status === 'failed')
      .map((test) => ({
        name: `${file.name.replace(`${root}/`, '')} › ${test.fullName}`,
        reason: firstLine(test.failureMessages?.[0]),
      })),
  );
}

/** The tests of a Playwright JSON report that failed in their last try (a flaky one that passed is not). */
export function failedPlaywrightTests(report) {
  const failed = [];
  const visit = (suite, titles) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        if (test.status !== 'unexpected') continue;
        const lastResult = test.results?.at(-1);
        failed.push({
          name: `${spec.file} › ${[...titles, spec.title].join(' › ')}`,
          reason: firstLine(lastResult?.error?.message),
        });
      }
    }
    for (const child of suite.suites ?? []) visit(child, [...titles, child.title]);
  };
  for (const suite of report.suites ?? []) visit(suite, []);
  return failed;
}
