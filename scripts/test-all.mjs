// `npm test`: every check and test in one command — lint, typecheck, build, unit and integration
// tests (vitest, real Next server, SQLite, Redis), then the Chromium e2e suite. Ends with "N passed, N failed".
// It first sets up Redis and Chromium when they are missing (scripts/test-environment.mjs). This is a
// terminal report for people, not a service log: it prints plain text.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { ensureChromium, ensureRedis, MissingTool } from './test-environment.mjs';
import { failedPlaywrightTests, failedVitestTests } from './test-report.mjs';

const print = (text) => process.stdout.write(`${text}\n`);
const results = { passed: 0, failed: 0 };
// The failed tests by name, printed again just above the closing line: a CI log is often read from its tail.
const failedTests = [];
const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
let stopRedis;
let chromiumPath;
try {
  chromiumPath = await ensureChromium();
  stopRedis = await ensureRedis(redisUrl);
} catch (error) {
  if (!(error instanceof MissingTool)) throw error;
  print(error.message);
  process.exit(1);
}
const env = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: '1',
  CI: process.env.CI ?? 'true',
  TEST_REDIS_URL: redisUrl,
  CHROMIUM_PATH: chromiumPath,
};

function step(name, command, args) {
  print(`\n=== ${name}: ${command} ${args.join(' ')}`);
  const run = spawnSync(command, args, { stdio: 'inherit', env });
  return run.status === 0;
}

function count(name, ok) {
  if (ok) results.passed += 1;
  else {
    results.failed += 1;
    print(`!!! ${name} failed`);
  }
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

fs.mkdirSync('test-results', { recursive: true });
count(
  'lint',
  step('lint', 'npx', ['eslint', '.', '--max-warnings=0']) &&
    step('project checks', 'node', ['scripts/check-project.mjs']),
);
count('typecheck', step('typecheck', 'npx', ['tsc', '--noEmit']));
const built = step('build', 'npx', ['next', 'build']);
count('build', built);

if (built) {
  fs.rmSync('test-results/vitest.json', { force: true });
  // prettier-ignore
  const unitOk = step('unit and integration tests', 'npx', [
    'vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile=test-results/vitest.json',
  ]);
  const vitest = readJson('test-results/vitest.json');
  if (vitest) {
    results.passed += vitest.numPassedTests;
    results.failed += vitest.numFailedTests;
    failedTests.push(...failedVitestTests(vitest, process.cwd()));
    // A file that fails to load has no failed test of its own: count the run once so it is not lost.
    if (!unitOk && vitest.numFailedTests === 0) count('vitest run', false);
  } else count('vitest run', unitOk);

  fs.rmSync('test-results/e2e.json', { force: true });
  const e2eOk = step('e2e (Chromium)', 'npx', ['playwright', 'test']);
  const e2e = readJson('test-results/e2e.json');
  if (e2e?.stats) {
    results.passed += e2e.stats.expected + (e2e.stats.flaky ?? 0);
    results.failed += e2e.stats.unexpected;
    failedTests.push(...failedPlaywrightTests(e2e));
    if (!e2eOk && e2e.stats.unexpected === 0) count('playwright run', false);
  } else count('playwright run', e2eOk);
}

await stopRedis();
if (failedTests.length > 0) {
  print('\nFailed:');
  for (const test of failedTests) print(`  ✗ ${test.name}${test.reason ? `\n      ${test.reason}` : ''}`);
}
print(`\n${results.passed} passed, ${results.failed} failed`);
process.exit(results.failed === 0 ? 0 : 1);
