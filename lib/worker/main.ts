// `npm run worker`: a process that only executes runs from the Redis queue (as many as wanted, each
// up to MAX_CONCURRENT_RUNS at once). SIGTERM lets the runs it holds finish before it exits.
import { createBackend } from '../backends/redis';
import { ConfigError, getConfig } from '../config';
import { labelProcessRole } from '../metrics/registry';
import { serveWorkerMetrics } from '../metrics/worker-metrics-server';
import { installLogRedaction } from '../secrets/log-redaction';
import { startWebhooksIfConfigured } from '../webhooks/dispatcher';

async function main() {
  const config = getConfig();
  installLogRedaction(config);
  if (!config.REDIS_URL)
    throw new ConfigError('REDIS_URL is not set: workers take runs from Redis (see README, "Scaling out").');
  const backend = await createBackend(config);
  backend.startWorker();
  labelProcessRole('worker');
  const webhooks = startWebhooksIfConfigured(config, backend.outbox);
  const metricsServer = config.METRICS_PORT ? serveWorkerMetrics(config, config.METRICS_PORT) : undefined;
  console.log(
    `[worker] ready: up to ${config.MAX_CONCURRENT_RUNS} runs at once (prefix "${config.REDIS_KEY_PREFIX}")`,
  );
  const stop = async () => {
    console.log('[worker] stopping after the runs it holds');
    metricsServer?.close();
    await webhooks?.stop();
    await backend.close();
    process.exit(0);
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error) => {
  console.error(`[worker] ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
