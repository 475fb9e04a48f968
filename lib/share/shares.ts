// Read-only share links for one run or one experiment. A link's token (lib/share/token.ts) is checked
// here on every request: signature, expiry, and that its share record exists and was not revoked. What
// it grants is only what this module offers — the run's or the experiment's public view, their live
// updates, and answering a shared run when allowed.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { REQUEST_DEFAULTS, type AppConfig } from '../config';
import { ApiError, invalidRequestFor } from '../errors';
import { getExperimentRuntime } from '../experiments/runtime';
import type { ExperimentRecord } from '../experiments/schema';
import type { Runtime } from '../server/runtime';
import { connectRedis } from '../backends/redis/connection';
import type { RunRecord } from '../store/types';
import { sameTarget, type ShareRecord, type ShareStore, type ShareTarget } from './share-store';
import { signShortShareToken, verifyShareToken, type ShareGrant } from './token';

const STORE_KEY = Symbol.for('dispatch-studio.share-store');
type GlobalWithShares = typeof globalThis & { [STORE_KEY]?: Promise<ShareStore> };

/** The backend's share store, created once per process (kept on globalThis like the runtime). */
export function getShareStore(config: AppConfig): Promise<ShareStore> {
  const holder = globalThis as GlobalWithShares;
  holder[STORE_KEY] ??= (async () => {
    if (config.REDIS_URL) {
      const { RedisShareStore } = await import('./redis-shares');
      return new RedisShareStore(
        connectRedis(config.REDIS_URL, config.REDIS_KEY_PREFIX, 'commands'),
        config.REDIS_KEY_PREFIX,
      );
    }
    const { SqliteShareStore } = await import('./sqlite-shares');
    return new SqliteShareStore(path.resolve(config.DATA_DIR));
  })();
  return holder[STORE_KEY];
}

async function signingKey(config: AppConfig, shares: ShareStore): Promise<Buffer> {
  return config.SHARE_SECRET ? Buffer.from(config.SHARE_SECRET) : shares.signingKey();
}

export interface ShareView {
  id: string;
  createdAt: number;
  expiresAt: number;
  allowAnswer: boolean;
  /** The page that opens the run or experiment read-only, token included. */
  path: string;
}

const sharePath = (token: string) => `/share/${token}`;

function viewOf(record: ShareRecord, key: Buffer): ShareView {
  return {
    id: record.id,
    createdAt: record.createdAt,
    expiresAt: record.expiresAt,
    allowAnswer: record.allowAnswer,
    path: sharePath(signShortShareToken(record.id, key)),
  };
}

const grantOf = (record: ShareRecord): ShareGrant => ({
  shareId: record.id,
  target: record.target,
  expiresAt: record.expiresAt,
  allowAnswer: record.allowAnswer,
});

/** Only the owner of a run or experiment shares it, lists its links or revokes them; others get 404. */
async function checkOwned(runtime: Runtime, owner: string, target: ShareTarget): Promise<void> {
  if (target.kind === 'run') await runtime.service.getOwnedRun(target.id, owner);
  else await (await getExperimentRuntime()).service.getOwnedExperiment(target.id, owner);
}

export async function createShare(
  runtime: Runtime,
  owner: string,
  target: ShareTarget,
  options: { expiresInSeconds?: number; allowAnswer: boolean },
): Promise<ShareView> {
  await checkOwned(runtime, owner, target);
  if (options.allowAnswer && target.kind !== 'run')
    throw invalidRequestFor([{ path: 'allowAnswer', message: 'Only a run can be answered' }]);
  const shares = await getShareStore(runtime.config);
  const now = Date.now();
  const record: ShareRecord = {
    id: randomBytes(12).toString('base64url'),
    target,
    owner,
    createdAt: now,
    expiresAt:
      now + (options.expiresInSeconds ? options.expiresInSeconds * 1000 : REQUEST_DEFAULTS.shareLinkMs),
    allowAnswer: options.allowAnswer,
  };
  await shares.createShare(record);
  return viewOf(record, await signingKey(runtime.config, shares));
}

export async function listShares(runtime: Runtime, owner: string, target: ShareTarget): Promise<ShareView[]> {
  await checkOwned(runtime, owner, target);
  const shares = await getShareStore(runtime.config);
  const key = await signingKey(runtime.config, shares);
  return (await shares.listShares(target, Date.now())).map((record) => viewOf(record, key));
}

export async function revokeShare(
  runtime: Runtime,
  owner: string,
  target: ShareTarget,
  shareId: string,
): Promise<void> {
  await checkOwned(runtime, owner, target);
  const shares = await getShareStore(runtime.config);
  if (!(await shares.revokeShare(target, shareId, Date.now())))
    throw new ApiError('NOT_FOUND', 'Share link not found');
}

/** What a working token opens. */
export type Shared =
  | { kind: 'run'; grant: ShareGrant; run: RunRecord }
  | { kind: 'experiment'; grant: ShareGrant; experiment: ExperimentRecord };

async function openTarget(runtime: Runtime, grant: ShareGrant, owner: string): Promise<Shared | undefined> {
  const { target } = grant;
  if (target.kind === 'run') {
    const run = await runtime.store.getRun(target.id);
    return run?.owner === owner ? { kind: 'run', grant, run } : undefined;
  }
  const experiment = await (await getExperimentRuntime()).experiments.getExperiment(target.id);
  return experiment?.owner === owner ? { kind: 'experiment', grant, experiment } : undefined;
}

const expiredLink = () => new ApiError('GONE', 'This share link has expired. Ask for a new one.');

/**
 * The run or experiment a token opens, or the reason it opens nothing: 401 for a token that is not
 * ours (forged, altered, truncated), 410 once it expired or was revoked.
 */
export async function resolveShare(runtime: Runtime, token: string): Promise<Shared> {
  const shares = await getShareStore(runtime.config);
  const now = Date.now();
  const check = verifyShareToken(token, await signingKey(runtime.config, shares), now);
  if (!check.ok) {
    throw check.reason === 'expired'
      ? expiredLink()
      : new ApiError('UNAUTHORIZED', 'This share link is not valid.');
  }
  const record = await shares.getShare(check.shareId);
  if (!record || (check.grant && !sameTarget(record.target, check.grant.target)))
    throw new ApiError('GONE', 'This share link no longer works.');
  if (record.revokedAt)
    throw new ApiError('GONE', 'This share link was revoked by the person who shared it.');
  if (record.expiresAt <= now) throw expiredLink();
  const shared = await openTarget(runtime, check.grant ?? grantOf(record), record.owner);
  if (!shared) throw new ApiError('GONE', `The shared ${record.target.kind} no longer exists.`);
  return shared;
}
