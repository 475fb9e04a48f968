// Long synchronous steps (parsing, validating or storing a request of several MB) are cut apart so that
// other requests are served between them.
import { setImmediate } from 'node:timers/promises';

/**
 * Resumes after the event loop has gone once through all its phases: timers, other sockets' I/O,
 * immediates. One setImmediate is not enough when awaited from an I/O callback (a body's last chunk,
 * a worker's answer): it runs in that same turn's check phase, before any timer or other socket.
 */
export async function nextLoopTurn(): Promise<void> {
  await setImmediate();
  await setImmediate();
}
