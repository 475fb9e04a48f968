// `npm run worker`: a process that only executes runs from the Redis queue (as many as wanted, each
// up to MAX_CONCURRENT_RUNS at once). SIGTERM lets the runs it holds finish before it exits.
import { createBackend } from '../backends/redis';
import { ConfigError, getConfig } from '../config';
import { installLogRedaction } from '../secrets/log-redaction';

async function main() {
  const config = getConfig();
  installLogRedaction(config);
  if (!config.REDIS_URL)
    throw new ConfigError('REDIS_URL is not set: workers take runs from Redis (see README, "Scaling out").');
  const backend = await createBackend(config);
  backend.startWorker();
  console.log(
    `[worker] ready: up to ${config.MAX_CONCURRENT_RUNS} runs at once (prefix "${config.REDIS_KEY_PREFIX}")`,
  );
  const stop = async () => {
    console.log('[worker] stopping after the runs it holds');
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
