// The seam between the product and a storage backend (see docs/architecture.md). Each backend folder
// exports createBackend(config) returning this; the runtime picks one by configuration, and nothing
// outside lib/backends/ knows which one it has.
import type { RunQueue } from '../runs/queue';
import type { ChannelBus, RunStore } from '../store/types';

export interface RunWorker {
  /** Stops taking runs; resolves once the runs it holds have finished. */
  close(): Promise<void>;
}

export interface Backend {
  store: RunStore;
  bus: ChannelBus;
  queue: RunQueue;
  /** Start-up crash recovery: settles the runs a stopped process left behind, before requests arrive. */
  recover(): Promise<void>;
  /** Refuses a new run this backend cannot store now (embedded: 507 when DATA_DIR's disk is nearly full). */
  beforeDispatch?(): Promise<void>;
  /** Executes queued runs in this process; only backends whose queue lives outside the process have it. */
  startWorker?(): RunWorker;
  close(): Promise<void>;
}
