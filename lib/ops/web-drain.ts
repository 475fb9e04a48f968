// The web process's graceful drain. Installed only when Next leaves signals to the app
// (NEXT_MANUAL_SIG_HANDLE, set by `npm start`): otherwise Next's own handler exits at once on SIGTERM.
import type { Runtime } from '../server/runtime';
import { drain, onShutdownSignal } from './graceful-drain';
import { closeListeningServers } from './http-servers';
import { getLogger } from './logger';

/** How long responses still being written (ended subscriptions, a slow upload) may take at the very end. */
const SERVER_CLOSE_DEADLINE_MS = 5_000;

export function installWebProcessDrain(runtime: Runtime): void {
  if (!process.env.NEXT_MANUAL_SIG_HANDLE) return;
  onShutdownSignal(() =>
    drain({
      graceMs: runtime.config.SHUTDOWN_GRACE_MS,
      executions: runtime.runExecution ? [runtime.runExecution] : [],
      deps: runtime,
      async close() {
        await closeListeningServers(SERVER_CLOSE_DEADLINE_MS);
        getLogger().debug('HTTP server closed');
        await runtime.close();
        getLogger().debug('store and queue connections closed');
      },
    }),
  );
}
