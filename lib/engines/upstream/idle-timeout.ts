// An abort signal that fires when the upstream has been silent for `timeoutMs` (no answer, or a stream
// that stalls half-way), or when the run is cancelled. `touch()` after every chunk keeps it alive.
import { UpstreamTimeoutError } from './errors';

export function idleTimeout(parent: AbortSignal, timeoutMs: number) {
  const controller = new AbortController();
  const onAbort = () => controller.abort(parent.reason);
  parent.addEventListener('abort', onAbort, { once: true });
  const timer = setTimeout(() => controller.abort(new UpstreamTimeoutError(timeoutMs)), timeoutMs);
  // Restarts the same timer: called for every streamed token, so no new timer each time.
  const touch = () => void timer.refresh();
  return {
    signal: controller.signal,
    touch,
    /** The timeout error if that is why the signal fired. */
    timedOut: () => (controller.signal.reason instanceof UpstreamTimeoutError ? controller.signal.reason : undefined),
    dispose: () => {
      clearTimeout(timer);
      parent.removeEventListener('abort', onAbort);
    },
  };
}
