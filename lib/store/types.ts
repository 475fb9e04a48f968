// The storage interface every backend implements (SQLite embedded, Redis scale-out). All SQL or Redis
// commands live behind it, and one contract test suite runs against each implementation.
import type { DispatchRequest } from '../dispatch/schema';
import type { ChannelEvent, StoredEvent, StoredEventJson } from '../events';
import type { RunStatus } from '../run-status';
import type { QueueRoom } from '../runs/queue';
import type { RunSource } from './run-source';

export interface RunRecord {
  channelId: string;
  /** Who may see the run: a hash of the API secret that created it, or "public". */
  owner: string;
  status: RunStatus;
  engine: string;
  model: string;
  request: DispatchRequest;
  timezone: string;
  /** First user message, shortened, for lists. */
  title: string;
  createdAt: number;
  startedAt?: number;
  firstTokenAt?: number;
  /** Time the run waited for answers to its function calls before its first token (ms), when it did. */
  waitBeforeFirstTokenMs?: number;
  endedAt?: number;
  /** While the run waits for an answer: when it stops waiting (and fails) if none has come. */
  answerDueAt?: number;
  outputTokens: number;
  error?: string;
  /** The channel this run retried, if any. */
  retryOf?: string;
  /** The newest run made by retrying this one, if any (lists show it, so a run is not retried twice by mistake). */
  retriedAs?: string;
  /** The request's function names, stored beside it: lists show them without parsing the request. */
  functionNames: string[];
}

export type NewRun = Pick<
  RunRecord,
  'channelId' | 'owner' | 'engine' | 'model' | 'request' | 'timezone' | 'title' | 'createdAt' | 'retryOf'
>;

export type RunPatch = Partial<
  Pick<
    RunRecord,
    | 'status'
    | 'startedAt'
    | 'firstTokenAt'
    | 'waitBeforeFirstTokenMs'
    | 'endedAt'
    | 'answerDueAt'
    | 'outputTokens'
    | 'error'
    | 'retriedAs'
  >
>;

export interface RunListQuery {
  owner: string;
  status?: RunStatus;
  /** Opaque cursor from a previous page. */
  cursor?: string;
  limit: number;
  /** Case-insensitive text found in the first message, channel id, engine, model or function names. */
  search?: string;
  engine?: string;
  /** Only runs created at or after this time (ms). */
  createdAfter?: number;
  /** Only an experiment's runs, or only the others. */
  source?: RunSource;
}

export interface RunListPage {
  items: RunRecord[];
  nextCursor?: string;
}

/** The mailbox only `waiter` takes from: where an answer meant for one waiting run goes. */
export const waiterMailbox = (mailbox: string, waiter: string) => `${mailbox}#${waiter}`;

/** Status changes worth telling people and systems about (toasts, webhooks). */
export const NOTICE_STATUSES = ['waiting', 'completed', 'failed', 'cancelled'] as const;
export type NoticeStatus = (typeof NOTICE_STATUSES)[number];

/**
 * A run reaching a notice status, journaled by the store in the same atomic step as the change, so a
 * notice is never lost between the change and whoever reacts to it. Figures are as of that moment.
 */
export interface RunNotice {
  /** Opaque and increasing in journal order. */
  id: string;
  channelId: string;
  owner: string;
  status: NoticeStatus;
  at: number;
  model: string;
  outputTokens: number;
  durationMs: number;
  error?: string;
}

/** One time bucket of the overview counters (see lib/store/overview-buckets.ts for the field names). */
export interface OverviewBucket {
  start: number;
  fields: Record<string, number>;
}

/** One channel's part of a group commit. */
export interface EventAppend {
  channelId: string;
  events: ChannelEvent[];
  runPatch?: RunPatch;
  /** As `appendEvents`' onlyIfStatus: nothing is stored (and [] given) unless the run is in one of these. */
  onlyIfStatus?: readonly RunStatus[];
}

export type AppendResult = StoredEvent[] | Error;

export const asError = (error: unknown): Error => (error instanceof Error ? error : new Error(String(error)));

export interface RunStore {
  /**
   * How many events of a run streaming at full speed the writer gathers before it hands them to an
   * append (lib/runs/event-writer.ts), where the store is better served by another number than 512.
   */
  readonly eventsPerAppend?: number;
  /**
   * Creates a queued run; throws ApiError CONFLICT when the channel id is taken, and with `room`
   * TOO_MANY_REQUESTS (queueFullError) when the store already holds room.maxQueued queued runs.
   */
  createRun(run: NewRun, room?: QueueRoom): Promise<void>;
  getRun(channelId: string): Promise<RunRecord | undefined>;
  updateRun(channelId: string, patch: RunPatch): Promise<void>;
  /** Moves a run from one status to another only if it is still in `from`; says whether it did. */
  transitionRun(
    channelId: string,
    from: readonly RunStatus[],
    patch: RunPatch & { status: RunStatus },
  ): Promise<boolean>;
  listRuns(query: RunListQuery): Promise<RunListPage>;
  /** Runs in the given statuses, oldest first (start-up recovery). */
  findRunsByStatus(statuses: readonly RunStatus[]): Promise<RunRecord[]>;

  /**
   * Appends events in order, assigning the next seq numbers; they are durable when this resolves.
   * `runPatch` is applied in the same atomic step (used to end a run together with its completeEnd).
   * With `onlyIfStatus`, nothing happens (and [] is returned) unless the run is in one of those statuses.
   */
  appendEvents(
    channelId: string,
    events: ChannelEvent[],
    runPatch?: RunPatch,
    onlyIfStatus?: readonly RunStatus[],
  ): Promise<StoredEvent[]>;
  /**
   * Several channels' appends as one write (the group commit of lib/runs/event-writer.ts): for each,
   * in the same order, what `appendEvents` would give, or the error that kept that one from being
   * stored (one channel's failure is not the others').
   */
  appendEventBatches(appends: readonly EventAppend[]): Promise<AppendResult[]>;
  /**
   * Events with seq > afterSeq, in order, at most `limit`, as their stored JSON text (subscribers send
   * it on without parsing; parseStoredEvent in lib/events.ts gives the objects). With
   * `maxBytes`, stops before a stored batch that would take the read past about that many bytes
   * (always returning at least the first), so a reader near a 12 MB event does not load it early.
   */
  readEventJson(
    channelId: string,
    afterSeq: number,
    limit: number,
    maxBytes?: number,
  ): Promise<StoredEventJson[]>;
  lastSeq(channelId: string): Promise<number>;

  /**
   * Leaves a message in a mailbox until a waiter takes it or it is `ttlMs` old (then it is never taken).
   * A mailbox is where publishes to one channel name by one owner collect (lib/runs/mailbox.ts); it is
   * not a run's event channel, though a run may wait on a name equal to a channel id.
   */
  putMailboxMessage(mailbox: string, message: unknown, ttlMs: number): Promise<void>;
  /** Takes the oldest message left in the mailbox that is not expired, if any. */
  takeMailboxMessage(mailbox: string): Promise<{ message: unknown } | undefined>;
  /**
   * Marks `waiter` as waiting on `mailbox` until `leaseUntil` (renewed while it waits; a waiter whose
   * process died drops out when its lease runs out). See lib/runs/mailbox.ts for the semantics.
   */
  holdMailboxWaiter(mailbox: string, waiter: string, leaseUntil: number): Promise<void>;
  releaseMailboxWaiter(mailbox: string, waiter: string): Promise<void>;
  /**
   * In one atomic step: puts the message in the own mailbox (`waiterMailbox(mailbox, w)`) of every waiter
   * holding a live lease on `mailbox`, or, when none does, in `mailbox` itself for the next waiter.
   * Returns how many waiters it was delivered to.
   */
  broadcastMailboxMessage(mailbox: string, message: unknown, ttlMs: number): Promise<number>;

  /** Ends a dashboard session before its cookie expires (sign-out); kept until `expiresAt`. */
  revokeSession(sessionId: string, expiresAt: number): Promise<void>;
  isSessionRevoked(sessionId: string): Promise<boolean>;
  /** Notices after `afterId` (from the oldest kept when undefined), oldest first, at most `limit`. */
  readNotices(afterId: string | undefined, limit: number): Promise<RunNotice[]>;
  /** The newest notice id, so a reader can start from now. */
  lastNoticeId(): Promise<string | undefined>;
  /** The owner's overview buckets of `sizeMs` starting at or after `from`, oldest first. */
  readOverviewBuckets(owner: string, sizeMs: number, from: number): Promise<OverviewBucket[]>;
  /** How many of the owner's runs are queued, running or waiting now. */
  countActiveRuns(owner: string): Promise<Record<'queued' | 'running' | 'waiting', number>>;

  /** Deletes ended runs (and their events) that ended before `endedBefore`; returns how many. */
  deleteEndedBefore(endedBefore: number): Promise<number>;
  /** Resolves when the store answers a trivial query (readiness checks); rejects otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Wakes waiters when something was stored. Notifications carry no data: a woken reader reads the
 * store, so what a subscriber sees is always what was stored.
 */
export interface ChannelBus {
  notifyAppended(channelId: string, lastSeq: number): void;
  /**
   * Resolves once the channel has an event with seq > afterSeq, the signal aborts, or `timeoutMs`
   * (when given) passed.
   */
  waitForAppend(channelId: string, afterSeq: number, signal: AbortSignal, timeoutMs?: number): Promise<void>;
  /**
   * The lightest wait, for subscribers (one per client, one wait per batch sent): calls `wake` once,
   * when the channel has an event with seq > afterSeq, and returns the function that forgets the wait
   * (a timeout, a client gone); or returns undefined, and never calls `wake`, when it has one already.
   */
  onAppend(channelId: string, afterSeq: number, wake: () => void): (() => void) | undefined;
  /** Readers in this process waiting on the channel now (what is appended then is kept at hand for them). */
  appendWaiterCount(channelId: string): number;
  notifyPublished(mailbox: string): void;
  /** Resolves on the next publish to the mailbox, after `timeoutMs`, or when the signal aborts. */
  waitForPublish(mailbox: string, timeoutMs: number, signal: AbortSignal): Promise<void>;
  close(): Promise<void>;
}
