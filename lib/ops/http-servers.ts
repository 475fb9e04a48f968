// Closing the web process's HTTP server at the end of a drain. Next does not hand its server to app
// code (with NEXT_MANUAL_SIG_HANDLE it leaves the signal to us), so it is found among the process's
// active handles. close() refuses new connections and waits for the responses still being written
// (subscriptions that were just told to end); connections that turn idle meanwhile are closed as they
// do, rather than after the keep-alive timeout. Past the deadline the process exits anyway.
import http from 'node:http';
import net from 'node:net';

const IDLE_SWEEP_MS = 50;

export async function closeListeningServers(deadlineMs: number): Promise<void> {
  // An undocumented method with no type: read it as unknown and check what it is before use.
  const getActiveHandles: unknown = Reflect.get(process, '_getActiveHandles');
  const found: unknown = typeof getActiveHandles === 'function' ? getActiveHandles.call(process) : [];
  const handles: unknown[] = Array.isArray(found) ? found : [];
  const servers = handles.filter(
    (handle): handle is net.Server => handle instanceof net.Server && handle.listening,
  );
  const sweep = setInterval(() => {
    for (const server of servers) if (server instanceof http.Server) server.closeIdleConnections();
  }, IDLE_SWEEP_MS);
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    Promise.all(servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve())))),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, deadlineMs);
    }),
  ]);
  clearTimeout(timer);
  clearInterval(sweep);
}
