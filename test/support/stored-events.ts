// Reads a run's stored events parsed, for tests that check what was stored. The stores hand events on as
// their JSON text (readEventJson); only tests need them as objects, so this lives here, not on RunStore.
import { parseStoredEvent, type StoredEvent } from '@/lib/events';
import type { RunStore } from '@/lib/store/types';

/** Events with seq > afterSeq, in order, at most `limit`. */
export async function readEvents(
  store: Pick<RunStore, 'readEventJson'>,
  channelId: string,
  afterSeq: number,
  limit: number,
): Promise<StoredEvent[]> {
  return (await store.readEventJson(channelId, afterSeq, limit)).map(parseStoredEvent);
}
