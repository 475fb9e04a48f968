// Where share records live (for listing and revocation), beside the run store of each backend: a small
// SQLite file under DATA_DIR, or a few Redis keys under the deployment's prefix. Each backend also
// keeps the share signing key when SHARE_SECRET is not set, created once and never sent anywhere.
/** The longest a share link may last. */
export const MAX_SHARE_MS = 30 * 24 * 60 * 60 * 1000;

export interface ShareRecord {
  id: string;
  channelId: string;
  owner: string;
  createdAt: number;
  expiresAt: number;
  allowAnswer: boolean;
  revokedAt?: number;
}

export interface ShareStore {
  /** The key share tokens are signed with: generated and kept on first use. */
  signingKey(): Promise<Buffer>;
  createShare(record: ShareRecord): Promise<void>;
  getShare(id: string): Promise<ShareRecord | undefined>;
  /** Shares of a channel that are neither revoked nor expired, newest first. */
  listShares(channelId: string, now: number): Promise<ShareRecord[]>;
  /** Marks a share revoked; false if there is no such share of that channel. */
  revokeShare(channelId: string, id: string, now: number): Promise<boolean>;
}
