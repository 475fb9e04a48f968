// The product's operations on runs and channels. Route handlers call these and nothing deeper.
import { randomUUID } from 'node:crypto';
import type { AppConfig } from '../config';
import type { ChunkSource } from '../channel/chunk-source';
import {
  channelSubscription,
  knownStartCursor,
  readRunWithFirstEvents,
  startCursor,
  type SubscriptionStart,
} from '../channel/subscription';
import type { DispatchRequest } from '../dispatch/schema';
import { chooseEngine } from '../engines';
import { ApiError, notFound } from '../errors';
import { logRunQueued } from '../ops/run-log';
import type { ChannelBus, NewRun, RunListPage, RunListQuery, RunRecord, RunStore } from '../store/types';
import { isEnded } from '../run-status';
import { answerWaiter, publishMessage } from './mailbox';
import { keepDispatchedRun } from './dispatched-requests';
import { CANCELLED_WHILE_QUEUED, endRun } from './end-run';
import type { RunQueue } from './queue';
import { secretIdMasker } from '../secrets/redact';

export interface RunServiceDeps {
  store: RunStore;
  bus: ChannelBus;
  queue: RunQueue;
  config: AppConfig;
  /** Refuses new runs the backend cannot store now (embedded: 507 when DATA_DIR's disk is nearly full). */
  beforeDispatch?: () => Promise<void>;
}

export interface DispatchInput {
  request: DispatchRequest;
  timezone: string;
  owner: string;
  retryOf?: string;
}

const TITLE_LENGTH = 120;

/**
 * The first user message, shortened for lists, with the request's secretIds masked before it is cut
 * (no half secret). Server secrets are not searched for: the text is the tenant's own.
 */
function titleOf(request: DispatchRequest, scrub: (text: string) => string): string {
  const firstUser = request.messages.find((message) => message.type === 'user') ?? request.messages[0];
  const text = scrub(firstUser?.text ?? '')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > TITLE_LENGTH ? `${text.slice(0, TITLE_LENGTH - 1)}…` : text;
}

export class RunService {
  constructor(private readonly deps: RunServiceDeps) {}

  /** Stores a queued run and hands it to the queue; answers before the completion starts. */
  async enqueueDispatch(input: DispatchInput): Promise<{ channelId: string }> {
    const { store, queue, config } = this.deps;
    const choice = chooseEngine(input.request, config);
    const channelId = input.request.channelId ?? randomUUID();
    await this.deps.beforeDispatch?.();
    const ticket = await queue.reserve(input.owner);
    const run: NewRun = {
      channelId,
      owner: input.owner,
      engine: choice.engine,
      model: choice.model,
      request: input.request,
      timezone: input.timezone,
      title: titleOf(input.request, secretIdMasker(input.request)),
      createdAt: Date.now(),
      retryOf: input.retryOf,
    };
    const creation = store.createRun(run, ticket.room);
    if (ticket.submitBehind) {
      await ticket.submitBehind(channelId, creation);
      // Only now: under a channel id that was taken, the kept run would be another run's.
      keepDispatchedRun(run);
      logRunQueued(channelId, choice.engine);
      return { channelId };
    }
    try {
      await creation;
    } catch (error) {
      ticket.release();
      throw error;
    }
    logRunQueued(channelId, choice.engine);
    keepDispatchedRun(run);
    await ticket.submit(channelId);
    return { channelId };
  }

  /**
   * The run if it exists and belongs to `owner`; 404 otherwise (another owner's run does not exist for
   * them). `reading`: the run's read when the caller started it already.
   */
  async getOwnedRun(
    channelId: string,
    owner: string,
    reading = this.deps.store.getRun(channelId),
  ): Promise<RunRecord> {
    const run = await reading;
    if (!run || run.owner !== owner) throw notFound();
    return run;
  }

  async subscribeChannel(channelId: string, owner: string, start: SubscriptionStart): Promise<ChunkSource> {
    const { store } = this.deps;
    const known = knownStartCursor(start);
    if (known === undefined) {
      const run = await this.getOwnedRun(channelId, owner);
      const cursor = await startCursor(store, channelId, start);
      return channelSubscription(channelId, cursor, this.deps, start.withTimes, { status: run.status });
    }
    // The run and the first events in one round trip: a new run's subscriber then waits at once.
    const { run, firstChunk } = readRunWithFirstEvents(store, channelId, known, start.withTimes);
    const { status } = await this.getOwnedRun(channelId, owner, run);
    return channelSubscription(channelId, known, this.deps, start.withTimes, { status, firstChunk });
  }

  /**
   * A public publish on a channel name (any name a function's result.channel uses), in the caller's own
   * mailboxes: it wakes every run of the caller waiting there now, or the next one (lib/runs/mailbox.ts).
   * Another owner's runs, and their channel ids, are not seen at all.
   */
  async publishToChannel(channel: string, message: unknown, owner: string): Promise<{ id: string }> {
    await publishMessage(this.deps, owner, channel, message);
    return { id: channel };
  }

  /** An answer given in one run's page: it reaches that run's wait on `channel` and no other run. */
  async answerRun(
    channelId: string,
    channel: string,
    message: unknown,
    owner: string,
  ): Promise<{ id: string }> {
    const run = await this.getOwnedRun(channelId, owner);
    if (isEnded(run.status)) throw new ApiError('CONFLICT', `Run already ${run.status}`);
    await answerWaiter(this.deps, owner, channel, channelId, message);
    return { id: channel };
  }

  async cancelRun(channelId: string, owner: string): Promise<RunRecord> {
    const run = await this.getOwnedRun(channelId, owner);
    if (isEnded(run.status)) throw new ApiError('CONFLICT', `Run already ${run.status}`);
    await this.deps.queue.cancel(channelId);
    // A run that never started is ended here, whether the queue just removed it or had lost it (e.g. with
    // a restart); a run that started is ended by its executor, so this is then a no-op.
    await this.endQueuedRunAsCancelled(channelId);
    return this.getOwnedRun(channelId, owner);
  }

  /** Ends a run that never started: abort then completeEnd, status cancelled (atomic; no-op once it started). */
  private async endQueuedRunAsCancelled(channelId: string): Promise<void> {
    await endRun(this.deps, channelId, CANCELLED_WHILE_QUEUED);
  }

  /** Dispatches an ended run's request again; a run still going is refused, as two copies would run side by side. */
  async retryRun(channelId: string, owner: string): Promise<{ channelId: string }> {
    const run = await this.getOwnedRun(channelId, owner);
    if (!isEnded(run.status)) {
      const state = run.status === 'waiting' ? 'waiting for an answer' : run.status;
      throw new ApiError('CONFLICT', `Run is still ${state}: cancel it or wait for its end before retrying`);
    }
    const { channelId: _previousChannel, ...request } = run.request;
    const retried = await this.enqueueDispatch({ request, timezone: run.timezone, owner, retryOf: channelId });
    await this.deps.store.updateRun(channelId, { retriedAs: retried.channelId });
    return retried;
  }

  listRuns(query: RunListQuery): Promise<RunListPage> {
    return this.deps.store.listRuns(query);
  }

  async deleteExpiredRuns(): Promise<number> {
    const cutoff = Date.now() - this.deps.config.RETENTION_DAYS * 24 * 60 * 60 * 1000;
    return this.deps.store.deleteEndedBefore(cutoff);
  }
}
