// Where share records live (for listing and revocation), beside the run store of each backend: a small
// SQLite file under DATA_DIR, or a few Redis keys under the deployment's prefix. Each backend also
// keeps the share signing key when SHARE_SECRET is not set, created once and never sent anywhere.
/** The longest a share link may last. */
export const MAX_SHARE_MS = 30 * 24 * 60 * 60 * 1000;

export const SHARE_KINDS = ['run', 'experiment'] as const;
export type ShareKind = (typeof SHARE_KINDS)[number];

/** What one link opens: a run (by its channel id) or an experiment (by its id). */
export interface ShareTarget {
  kind: ShareKind;
  id: string;
}

export interface ShareRecord {
  id: string;
  target: ShareTarget;
  owner: string;
  createdAt: number;
  expiresAt: number;
  allowAnswer: boolean;
  revokedAt?: number;
}

export const sameTarget = (a: ShareTarget, b: ShareTarget) => a.kind === b.kind && a.id === b.id;

export interface ShareStore {
  /** The key share tokens are signed with: generated and kept on first use. */
  signingKey(): Promise<Buffer>;
  createShare(record: ShareRecord): Promise<void>;
  getShare(id: string): Promise<ShareRecord | undefined>;
  /** Shares of one run or experiment that are neither revoked nor expired, newest first. */
  listShares(target: ShareTarget, now: number): Promise<ShareRecord[]>;
  /** Marks a share revoked; false if there is no such share of that target. */
  revokeShare(target: ShareTarget, id: string, now: number): Promise<boolean>;
}
