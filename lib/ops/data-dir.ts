// What lives in DATA_DIR: the SQLite file, and server.lock while a server uses it (its pid and host).
// A second server, and restore, refuse while that process is alive (an old server still finishing its
// runs would otherwise see them failed as "interrupted" by the newcomer's recovery); a lock left by a
// process that died (SIGKILL, power loss) is recognised as stale.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError } from '../config';

export const LOCK_FILE = 'server.lock';

/** The embedded store's file (WAL mode: `-wal` and `-shm` files beside it while open). */
export const sqliteFileIn = (dataDir: string) => path.resolve(dataDir, 'dispatch.sqlite');

interface LockContent {
  pid: number;
  hostname: string;
  startedAt: string;
}

const lockPath = (dataDir: string) => path.resolve(dataDir, LOCK_FILE);

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Marks the DATA_DIR as used by this process; the returned function (also run at exit) removes the mark.
 * Throws ConfigError while another live server uses it.
 */
export function holdDataDirLock(dataDir: string): () => void {
  assertDataDirFree(dataDir);
  const file = lockPath(dataDir);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const content: LockContent = {
    pid: process.pid,
    hostname: os.hostname(),
    startedAt: new Date().toISOString(),
  };
  fs.writeFileSync(file, `${JSON.stringify(content)}\n`);
  const release = () => {
    process.off('exit', release);
    try {
      const current = JSON.parse(fs.readFileSync(file, 'utf8')) as LockContent;
      if (current.pid === process.pid) fs.unlinkSync(file);
    } catch {
      // already gone, or taken over by another server
    }
  };
  process.on('exit', release);
  return release;
}

/** The live server holding the DATA_DIR, if any and not this process, described for a refusal message. */
export function serverUsingDataDir(dataDir: string): string | undefined {
  let content: LockContent;
  try {
    content = JSON.parse(fs.readFileSync(lockPath(dataDir), 'utf8')) as LockContent;
  } catch {
    return undefined;
  }
  if (content.hostname === os.hostname() && content.pid === process.pid) return undefined;
  if (content.hostname !== os.hostname()) {
    return `a server on host ${content.hostname} (pid ${content.pid}; remove ${lockPath(dataDir)} if it is gone)`;
  }
  return isAlive(content.pid) ? `a server (pid ${content.pid}, started ${content.startedAt})` : undefined;
}

/** Refuses, in a sentence for the operator, to use a DATA_DIR another live server uses. */
export function assertDataDirFree(dataDir: string): void {
  const user = serverUsingDataDir(dataDir);
  if (user) {
    throw new ConfigError(
      `DATA_DIR ${path.resolve(dataDir)} is in use by ${user}: stop it first (it may still be finishing its runs), or set DATA_DIR to another folder`,
    );
  }
}
