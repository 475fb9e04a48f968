// A run's log lines: every line logged while it executes carries its channelId, and its end is one
// line with the outcome (an engine failure is a warning about the run, not an error of the server).
import { executeRun, type ExecuteOptions, type ExecutorDeps } from '../runs/executor';
import { addLogContext, getLogger, logInfoAfterAnswer, withLogContext } from './logger';

export function executeLoggedRun(
  channelId: string,
  signal: AbortSignal,
  deps: ExecutorDeps,
  options?: ExecuteOptions,
): Promise<void> {
  return withLogContext({ channelId }, async () => {
    const started = Date.now();
    // A run that started is described by its executor (no read back); one that did not, by its record.
    const run = (await executeRun(channelId, signal, deps, options)) ?? (await deps.store.getRun(channelId));
    const fields = {
      status: run?.status,
      engine: run?.engine,
      durationMs: Date.now() - started,
      outputTokens: run?.outputTokens,
      ...(run?.error !== undefined && { error: run.error }),
    };
    if (run?.status === 'failed') getLogger().warn(fields, 'run ended');
    else getLogger().info(fields, 'run ended');
  });
}

/** Called where a dispatch queues its run: the request's lines then carry the run's channelId too. */
export function logRunQueued(channelId: string, engine: string): void {
  addLogContext({ channelId });
  logInfoAfterAnswer({ engine }, 'run queued');
}
