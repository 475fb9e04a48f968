// Integration and e2e tests start the built app (`next start`), so a build older than the code would
// test yesterday's product and pass or fail for the wrong reason. Before starting it, the tests
// compare the build's time (.next/BUILD_ID) with every file the build reads, and refuse with the
// command to run when any is newer. (Tests and the worker process run from source; they do not count.)
import fs from 'node:fs';
import path from 'node:path';

/** What `next build` compiles or reads: folders walked whole, and single files. */
const SOURCE_DIRS = ['app', 'components', 'lib', 'public'];
const SOURCE_FILES = [
  'proxy.ts',
  'instrumentation.ts',
  'next.config.mjs',
  'postcss.config.mjs',
  'tsconfig.json',
  'package.json',
  'package-lock.json',
];
const isTestFile = (file: string) => /\.test\.tsx?$/.test(file);

function* filesUnder(dir: string): Generator<string> {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* filesUnder(full);
    else if (entry.isFile() && !isTestFile(entry.name)) yield full;
  }
}

function* sourceFiles(root: string): Generator<string> {
  for (const dir of SOURCE_DIRS) {
    const full = path.join(root, dir);
    if (fs.existsSync(full)) yield* filesUnder(full);
  }
  for (const file of SOURCE_FILES) {
    const full = path.join(root, file);
    if (fs.existsSync(full)) yield full;
  }
}

/** The source file changed most recently, with its modification time (ms). */
export function newestSource(root: string): { file: string; mtimeMs: number } {
  let newest = { file: '', mtimeMs: 0 };
  for (const file of sourceFiles(root)) {
    const { mtimeMs } = fs.statSync(file);
    if (mtimeMs > newest.mtimeMs) newest = { file, mtimeMs };
  }
  return newest;
}

/** Throws, naming the command to run, when there is no build or a source file is newer than it. */
export function assertFreshBuild(root: string): void {
  const buildId = path.join(root, '.next', 'BUILD_ID');
  if (!fs.existsSync(buildId)) {
    throw new Error(
      'No Next build found: run `npx next build` before the integration tests (npm test does).',
    );
  }
  const builtAt = fs.statSync(buildId).mtimeMs;
  const newest = newestSource(root);
  if (newest.mtimeMs > builtAt) {
    const time = (ms: number) => new Date(ms).toISOString().slice(11, 19);
    throw new Error(
      `The Next build is older than the code: ${path.relative(root, newest.file)} changed at ` +
        `${time(newest.mtimeMs)} UTC, the build is from ${time(builtAt)} UTC. Run \`npx next build\` ` +
        'before the integration tests (npm test does), so they test the code as it is.',
    );
  }
}
