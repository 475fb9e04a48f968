// Closing the web process's HTTP server at the end of a drain. Next does not hand its server to app
// code (with NEXT_MANUAL_SIG_HANDLE it leaves the signal to us), so it is found among the process's
// active handles. close() refuses new connections, closes idle keep-alive ones, and waits for the
// responses still being written (subscriptions that were just told to end), up to a deadline.
import net from 'node:net';

export async function closeListeningServers(deadlineMs: number): Promise<void> {
  const handles = (process as unknown as { _getActiveHandles?: () => unknown[] })._getActiveHandles?.() ?? [];
  const servers = handles.filter(
    (handle): handle is net.Server => handle instanceof net.Server && handle.listening,
  );
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    Promise.all(servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve())))),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, deadlineMs);
    }),
  ]);
  clearTimeout(timer);
}
