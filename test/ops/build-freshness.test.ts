// The integration tests' guard against a stale build: they start `next start` on .next, so a build
// older than any file it compiles must stop them with the command to run.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { assertFreshBuild } from '../support/build-freshness';
import { tempDataDir } from '../support/next-server';

function project(times: { build: number; source: number; test?: number }): string {
  const root = tempDataDir('ds-freshness-');
  const write = (file: string, at: number) => {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), 'x');
    fs.utimesSync(path.join(root, file), at / 1000, at / 1000);
  };
  write('.next/BUILD_ID', times.build);
  write('lib/runs/service.ts', times.source);
  if (times.test !== undefined) write('lib/runs/service.test.ts', times.test);
  return root;
}

describe('build freshness', () => {
  const now = Date.now();

  it('accepts a build made after the last source change, whatever the tests beside the code say', () => {
    expect(() =>
      assertFreshBuild(project({ build: now, source: now - 60_000, test: now + 60_000 })),
    ).not.toThrow();
  });

  it('refuses a build older than a source file, naming the file and the command to run', () => {
    expect(() => assertFreshBuild(project({ build: now - 60_000, source: now }))).toThrow(
      /lib\/runs\/service\.ts changed at .* Run `npx next build`/,
    );
  });

  it('refuses when there is no build at all', () => {
    const root = project({ build: now, source: now - 60_000 });
    fs.rmSync(path.join(root, '.next'), { recursive: true });
    expect(() => assertFreshBuild(root)).toThrow(/No Next build found/);
  });
});
