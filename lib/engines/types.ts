// What every completion engine implements (DESIGN section 6). lib/runs/run-engine.ts around it emits
// completeBegin, error/abort and completeEnd; the engine emits everything in between, ending with result.
import type { AppConfig } from '../config';
import type { DispatchRequest } from '../dispatch/schema';
import type { ChannelEvent, WaitingCall } from '../events';

export interface EngineContext {
  request: DispatchRequest;
  /** IANA zone from X-Timezone, or the server's. */
  timezone: string;
  /** Aborted when the run is cancelled; engines stop promptly and throw (any error). */
  signal: AbortSignal;
  /**
   * Stores an event. Awaiting it is how an engine yields: the promise settles at once unless the
   * write buffer is full, in which case it settles once the buffer was flushed.
   */
  emit(event: ChannelEvent): void | Promise<void>;
  /**
   * Waits for a message published on `channel` (a function's result.channel). Emits
   * waitForChannelMessageBegin/End around the wait; throws on timeout or cancel.
   */
  waitForChannelMessage(channel: string, call?: WaitingCall): Promise<unknown>;
  config: AppConfig;
}

export interface Engine {
  /** "local", "openai" or "chatbotkit". */
  readonly name: string;
  run(context: EngineContext): Promise<void>;
}
