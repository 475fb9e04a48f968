// The product card fixes the top level of the repository; tsconfig must stay strict.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');

describe('project layout', () => {
  it.each(['package.json', 'tsconfig.json', 'next.config.mjs', 'README.md', 'app', 'components', 'lib', 'e2e', 'public'])(
    'has %s at the top level',
    (entry) => {
      expect(fs.existsSync(path.join(ROOT, entry))).toBe(true);
    },
  );

  it('compiles TypeScript in strict mode', () => {
    const tsconfig = JSON.parse(fs.readFileSync(path.join(ROOT, 'tsconfig.json'), 'utf8'));
    expect(tsconfig.compilerOptions.strict).toBe(true);
  });

  it('names every script the README promises', () => {
    const { scripts } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    for (const name of ['dev', 'build', 'start', 'app', 'test', 'test:e2e', 'lint', 'typecheck', 'bench', 'worker']) {
      expect(scripts[name], name).toBeTruthy();
    }
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    expect(readme).toContain('npm test');
    expect(readme).toContain('npm run app');
  });
});
