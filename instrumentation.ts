// Next calls register() once when the server starts: filter secrets out of log lines, refuse forged or
// malformed requests before Next routes them (lib/server/request-guards.ts), open the store and recover
// interrupted runs before the first request (so a restart is visible at once), and take over SIGTERM
// for the graceful drain when started by `npm start`.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { getConfig } = await import('./lib/config');
  const { installLogRedaction } = await import('./lib/secrets/log-redaction');
  installLogRedaction(getConfig());
  const { installRequestGuards } = await import('./lib/server/request-guards');
  installRequestGuards(getConfig());
  const { getRuntime } = await import('./lib/server/runtime');
  const runtime = await getRuntime();
  const { installWebProcessDrain } = await import('./lib/ops/web-drain');
  installWebProcessDrain(runtime);
  // After the runs are recovered, so an experiment resuming sees its interrupted runs already failed.
  const { getExperimentRuntime } = await import('./lib/experiments/runtime');
  await getExperimentRuntime();
}
