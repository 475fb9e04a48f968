// The seam between the product and a storage backend (see docs/architecture.md). Each backend folder
// exports createBackend(config) returning this; the runtime picks one by configuration, and nothing
// outside lib/backends/ knows which one it has.
import type { RunExecution } from '../ops/graceful-drain';
import type { ReadinessCheck } from '../ops/health';
import type { ExperimentStore } from '../experiments/store';
import type { RunQueue } from '../runs/queue';
import type { ChannelBus, RunStore } from '../store/types';
import type { WebhookOutbox } from '../webhooks/outbox';

export interface RunWorker extends RunExecution {
  /** Stops taking runs; resolves once the runs it holds have finished. */
  close(): Promise<void>;
  /** Its own connection, which must be up for this process to be ready. */
  readiness?: ReadinessCheck;
}

export interface Backend {
  store: RunStore;
  bus: ChannelBus;
  queue: RunQueue;
  /** Webhook deliveries, kept beside the runs so they survive restarts. */
  outbox: WebhookOutbox;
  /** Start-up crash recovery: settles the runs a stopped process left behind, before requests arrive. */
  recover(): Promise<void>;
  /** Refuses a new run this backend cannot store now (embedded: 507 when DATA_DIR's disk is nearly full). */
  beforeDispatch?(): Promise<void>;
  /** Executes queued runs in this process; only backends whose queue lives outside the process have it. */
  startWorker?(): RunWorker;
  /** Where runs execute when the queue itself runs them in this process (the embedded queue). */
  inProcessExecution?: RunExecution;
  /** What must answer for this process to be ready (GET /api/health/ready). */
  readinessChecks: readonly ReadinessCheck[];
  /** Where experiments are kept, beside the runs (opened by the web process that serves them). */
  openExperimentStore(): ExperimentStore;
  close(): Promise<void>;
}
