// The webhook outbox: one pending delivery per run notice and URL, kept in the backend's store so
// deliveries survive restarts (at least once), and claimed with a lease so one process sends each.
import type { NoticeStatus, RunNotice } from '../store/types';

export interface PendingDelivery {
  /** Unique per notice and URL. */
  id: string;
  /** The Standard Webhooks `webhook-id`: the same for every attempt, so receivers can drop duplicates. */
  webhookId: string;
  channelId: string;
  /** The run's owner, whose webhooks page lists the attempts (absent on deliveries stored before it was kept). */
  owner?: string;
  url: string;
  type: string;
  /** The exact JSON body, fixed when the notice was taken in, so every attempt signs the same bytes. */
  body: string;
  /** Attempts made before this one. */
  attempts: number;
}

/** One attempt, as the run's page lists it. */
export interface DeliveryAttempt {
  deliveryId: string;
  webhookId: string;
  type: string;
  url: string;
  attempt: number;
  at: number;
  /** The receiver's HTTP status, absent when it could not be reached. */
  statusCode?: number;
  error?: string;
  /** When the next attempt is due; absent when delivered or given up. */
  nextAttemptAt?: number;
}

/** An attempt in the owner's list of recent deliveries, across runs. */
export interface RecentAttempt extends DeliveryAttempt {
  channelId: string;
}

export interface NewDelivery extends Omit<PendingDelivery, 'attempts'> {
  dueAt: number;
}

export interface WebhookOutbox {
  /**
   * Takes in notices after the outbox's own cursor: `toDeliveries` turns each into deliveries, stored
   * with the new cursor in one step. Returns how many notices were taken in (0 when another process
   * took the same ones first).
   */
  takeInNotices(toDeliveries: (notice: RunNotice) => NewDelivery[], limit: number): Promise<number>;
  /** Deliveries due by `now`, leased to the caller until `now + leaseMs` (nobody else gets them meanwhile). */
  claimDue(now: number, leaseMs: number, limit: number): Promise<PendingDelivery[]>;
  /** Records an attempt; with `nextAttemptAt` the delivery is due again then, else it is done. */
  recordAttempt(delivery: PendingDelivery, attempt: DeliveryAttempt): Promise<void>;
  listAttempts(channelId: string): Promise<DeliveryAttempt[]>;
  /** The owner's newest attempts across runs, newest first (at most `limit`). */
  listRecentAttempts(owner: string, limit: number): Promise<RecentAttempt[]>;
  /** Retention: forgets attempts made before `before` (a backend whose lists expire on their own may do nothing). */
  deleteAttemptsBefore(before: number): Promise<void>;
  close(): Promise<void>;
}

export const webhookTypeOf = (status: NoticeStatus) => `run.${status}`;

/** A receiver URL as the dashboard shows it: without credentials or query (they may hold tokens). */
export function shownUrl(url: string): string {
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname}`;
}

/** An attempt as the dashboard shows it: its receiver without credentials or query. */
export const shownAttempt = <A extends DeliveryAttempt>(attempt: A): A => ({ ...attempt, url: shownUrl(attempt.url) });
