// `npm run worker`: a process that only executes runs from the Redis queue (as many as wanted, each
// up to MAX_CONCURRENT_RUNS at once). SIGTERM drains it: no further job, the runs it holds finish within
// SHUTDOWN_GRACE_MS or end as failed, and jobs still waiting stay queued for another worker.
import { createBackend } from '../backends/redis';
import { ConfigError, getConfig } from '../config';
import { labelProcessRole } from '../metrics/registry';
import { serveWorkerMetrics } from '../metrics/worker-metrics-server';
import { drain, onShutdownSignal } from '../ops/graceful-drain';
import { getLogger, setProcessRole } from '../ops/logger';
import { installLogRedaction } from '../secrets/log-redaction';
import { startWebhooksIfConfigured } from '../webhooks/dispatcher';

async function main() {
  setProcessRole('worker');
  const config = getConfig();
  installLogRedaction(config);
  if (!config.REDIS_URL)
    throw new ConfigError('REDIS_URL is not set: workers take runs from Redis (see README, "Scaling out").');
  // It executes runs and serves no subscriber: appends of other runs are not its business.
  const backend = await createBackend(config, { followsChannels: false });
  const worker = backend.startWorker();
  labelProcessRole('worker');
  const webhooks = startWebhooksIfConfigured(config, backend.outbox);
  const metricsServer = config.METRICS_PORT ? serveWorkerMetrics(config, config.METRICS_PORT) : undefined;
  getLogger().info(
    { maxConcurrentRuns: config.MAX_CONCURRENT_RUNS, prefix: config.REDIS_KEY_PREFIX },
    'worker ready',
  );
  onShutdownSignal(() =>
    drain({
      graceMs: config.SHUTDOWN_GRACE_MS,
      executions: [worker],
      deps: backend,
      close: async () => {
        metricsServer?.close();
        await webhooks?.stop();
        await backend.close();
      },
    }),
  );
}

main().catch((error) => {
  const log = (() => {
    try {
      return getLogger();
    } catch {
      return undefined;
    }
  })();
  const message = error instanceof Error ? error.message : String(error);
  if (log) log.fatal({ err: error }, message);
  else process.stderr.write(`${message}\n`);
  process.exit(1);
});
