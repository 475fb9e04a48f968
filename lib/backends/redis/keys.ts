// Every Redis key and pub/sub channel name of the product, under one prefix (REDIS_KEY_PREFIX).
import type { RunStatus } from '../../run-status';

export interface RedisKeys {
  prefix: string;
  run(channelId: string): string;
  events(channelId: string): string;
  mailbox(name: string): string;
  /** Who waits on a mailbox now: a sorted set of waiter ids scored by when their lease ends. */
  mailboxWaiters(name: string): string;
  /** Results of recent operations on a run or a mailbox, so a command resent after a reconnect is not applied twice. */
  operations(channelId: string): string;
  /** The results of one call of APPEND_EVENTS (scripts.ts), for the same call resent. */
  appendOperations(callId: string): string;
  mailboxOperations(name: string): string;
  cancelRequest(channelId: string): string;
  revokedSession(sessionId: string): string;
  /** Runs an owner has executing, across workers (the per-owner cap). */
  ownerSlots(owner: string): string;
  ownerRuns(owner: string, status?: RunStatus): string;
  statusRuns(status: RunStatus): string;
  endedRuns: string;
  /** Overview counters of one owner and time bucket (the Lua scripts build the same name). */
  overviewBucket(owner: string, sizeMs: number, start: number): string;
  /** Stream of run notices (status changes for toasts and webhooks). */
  notices: string;
  /** Pub/sub channels: one each for appends, publishes and cancels, shared by all runs. */
  appendedTopic: string;
  publishedTopic: string;
  cancelTopic: string;
  /** BullMQ's own key prefix. */
  queuePrefix: string;
}

export function redisKeys(prefix: string): RedisKeys {
  return {
    prefix,
    run: (channelId) => `${prefix}run:${channelId}`,
    events: (channelId) => `${prefix}events:${channelId}`,
    mailbox: (name) => `${prefix}mailbox:${name}`,
    mailboxWaiters: (name) => `${prefix}waiters:${name}`,
    operations: (channelId) => `${prefix}ops:run:${channelId}`,
    appendOperations: (callId) => `${prefix}ops:append:${callId}`,
    mailboxOperations: (name) => `${prefix}ops:mailbox:${name}`,
    cancelRequest: (channelId) => `${prefix}cancel:${channelId}`,
    revokedSession: (sessionId) => `${prefix}revoked-session:${sessionId}`,
    ownerSlots: (owner) => `${prefix}owner-slots:${owner}`,
    ownerRuns: (owner, status) => (status ? `${prefix}owner:${owner}:${status}` : `${prefix}owner:${owner}`),
    statusRuns: (status) => `${prefix}status:${status}`,
    endedRuns: `${prefix}ended`,
    overviewBucket: (owner, sizeMs, start) => `${prefix}overview:${owner}:${sizeMs}:${start}`,
    notices: `${prefix}notices`,
    appendedTopic: `${prefix}appended`,
    publishedTopic: `${prefix}published`,
    cancelTopic: `${prefix}cancel`,
    queuePrefix: `${prefix}bull`,
  };
}
