// A per-run cap on stored event bytes (MAX_RUN_EVENT_BYTES): one client cannot fill the disk with one
// run (repeat 1000000 writes ~95 MB). Sizes are counted as the events are written, cheaply for the
// many small token events, exactly for the rest.
import type { ChannelEvent } from '../events';

/** `{"type":"token","data":{"token":""}}`: the JSON around a token's text. */
const TOKEN_FRAME_BYTES = 36;

export function eventByteSize(event: ChannelEvent): number {
  if (event.type === 'token' || event.type === 'reasoningToken') {
    return TOKEN_FRAME_BYTES + Buffer.byteLength(event.data.token);
  }
  return Buffer.byteLength(JSON.stringify(event));
}

export class RunEventBudget {
  private used = 0;

  constructor(readonly limitBytes: number) {}

  /** Counts an event of `size` bytes and says whether it still fits; one that does not is not counted. */
  take(size: number): boolean {
    if (this.used + size > this.limitBytes) return false;
    this.used += size;
    return true;
  }

  get usedBytes(): number {
    return this.used;
  }
}

/** The error a run ends with when it reached the cap: what happened and which setting decides it. */
export function eventLimitMessage(limitBytes: number): string {
  const mib = limitBytes / (1024 * 1024);
  const size = Number.isInteger(mib) ? `${mib} MiB` : `${limitBytes} bytes`;
  return `This run was stopped because its output reached the ${size} limit per run (MAX_RUN_EVENT_BYTES). The events before it were kept.`;
}
