// This process's Prometheus metrics (prom-client). Kept on globalThis like the runtime: Next bundles
// route handlers and instrumentation separately, and all of them must count into one registry.
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Seconds, from a fast first token to a long background run. */
const TTFT_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const DURATION_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600];

export interface ProcessMetrics {
  registry: Registry;
  runsStarted: Counter;
  runsEnded: Counter<'status'>;
  runsRunning: Gauge;
  runsWaiting: Gauge;
  queueDepth: Gauge;
  timeToFirstToken: Histogram;
  runDuration: Histogram;
  eventsAppended: Counter;
  openSubscriptions: Gauge;
  wireRequestsWaiting: Gauge;
  webhookDeliveries: Counter<'outcome'>;
}

function createMetrics(): ProcessMetrics {
  const registry = new Registry();
  const registers = [registry];
  return {
    registry,
    runsStarted: new Counter({
      name: 'dispatch_runs_started_total',
      help: 'Runs this process started executing',
      registers,
    }),
    runsEnded: new Counter({
      name: 'dispatch_runs_ended_total',
      help: 'Runs this process ended, by final status',
      labelNames: ['status'],
      registers,
    }),
    runsRunning: new Gauge({
      name: 'dispatch_runs_running',
      help: 'Runs executing in this process now',
      registers,
    }),
    runsWaiting: new Gauge({
      name: 'dispatch_runs_waiting',
      help: 'Runs of this process waiting for an answer (a function result published on a channel); counted in dispatch_runs_running too',
      registers,
    }),
    queueDepth: new Gauge({
      name: 'dispatch_queue_depth',
      help: 'Runs queued and not yet started',
      registers,
    }),
    timeToFirstToken: new Histogram({
      name: 'dispatch_run_time_to_first_token_seconds',
      help: 'From a run starting to its first token',
      buckets: TTFT_BUCKETS,
      registers,
    }),
    runDuration: new Histogram({
      name: 'dispatch_run_duration_seconds',
      help: 'From a run being dispatched to its end',
      buckets: DURATION_BUCKETS,
      registers,
    }),
    eventsAppended: new Counter({
      name: 'dispatch_events_appended_total',
      help: 'Channel events stored by this process',
      registers,
    }),
    openSubscriptions: new Gauge({
      name: 'dispatch_open_subscriptions',
      help: 'Subscribe streams open on this process',
      registers,
    }),
    wireRequestsWaiting: new Gauge({
      name: 'dispatch_wire_requests_waiting',
      help: 'Wire API requests received and waiting for their share of the event loop (a burst being spread)',
      registers,
    }),
    webhookDeliveries: new Counter({
      name: 'dispatch_webhook_deliveries_total',
      help: 'Webhook delivery attempts by this process, by outcome (delivered, failed = will retry, gave_up)',
      labelNames: ['outcome'],
      registers,
    }),
  };
}

const METRICS_KEY = Symbol.for('dispatch-studio.metrics');
type GlobalWithMetrics = typeof globalThis & { [METRICS_KEY]?: ProcessMetrics };

export function processMetrics(): ProcessMetrics {
  const holder = globalThis as GlobalWithMetrics;
  holder[METRICS_KEY] ??= createMetrics();
  return holder[METRICS_KEY];
}

/**
 * Labels every series with the process's role (`web`, `worker`, or `web+worker` when a web process
 * also executes runs), so scrapes of several processes in the Redis layout stay apart.
 */
export function labelProcessRole(role: string): void {
  processMetrics().registry.setDefaultLabels({ role });
}

/** Sets the gauge from `read` at each scrape (whatever holds the figure knows it; nothing to keep in step). */
function measureAtScrape(gauge: Gauge, read: () => Promise<number>): void {
  (gauge as Gauge & { collect?: () => Promise<void> }).collect = async function collect() {
    gauge.set(await read().catch(() => 0));
  };
}

export function measureQueueDepth(read: () => Promise<number>): void {
  measureAtScrape(processMetrics().queueDepth, read);
}

/**
 * In the Redis layout, `dispatch_queue_workers`: the worker processes taking runs from the queue, read at
 * each scrape. The embedded layout has no such series (its server runs the queue itself).
 */
export function measureQueueWorkers(read: () => Promise<number | undefined>): void {
  const { registry } = processMetrics();
  const name = 'dispatch_queue_workers';
  const gauge =
    (registry.getSingleMetric(name) as Gauge | undefined) ??
    new Gauge({ name, help: 'Worker processes taking runs from the queue (Redis layout)', registers: [registry] });
  measureAtScrape(gauge, async () => (await read()) ?? 0);
}

export function measureWireRequestsWaiting(read: () => number): void {
  measureAtScrape(processMetrics().wireRequestsWaiting, async () => read());
}
