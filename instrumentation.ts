// Next calls register() once when the server starts: open the store and recover interrupted runs
// before the first request, so a restart is visible at once.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { getRuntime } = await import('./lib/server/runtime');
  await getRuntime();
}
