// Next calls register() once when the server starts: filter secrets out of log lines, then open the
// store and recover interrupted runs before the first request, so a restart is visible at once.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { getConfig } = await import('./lib/config');
  const { installLogRedaction } = await import('./lib/secrets/log-redaction');
  installLogRedaction(getConfig());
  const { getRuntime } = await import('./lib/server/runtime');
  await getRuntime();
}
