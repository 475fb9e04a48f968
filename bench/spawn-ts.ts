// Starts one of the bench's TypeScript files as a process of its own, through tsx, as production.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { profileArgs } from '../test/support/next-server';

export const ROOT = path.resolve(import.meta.dirname, '..');
const TSX_LOADER = path.join(ROOT, 'node_modules/tsx/dist/esm/index.mjs');

export function spawnTs(entry: string, env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, [...profileArgs(), '--import', TSX_LOADER, entry], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}
