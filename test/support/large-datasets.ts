// The largest dataset load a request may carry: 16 datasets × 5,000 records (~3 MB of JSON), with a
// question some of the records answer. For the event-loop test and its bench figure.
import { DISPATCH_LIMITS } from '@/lib/dispatch/schema';

const WORDS = [
  'refund',
  'shipping',
  'lisbon',
  'order',
  'card',
  'store',
  'parking',
  'station',
  'europe',
  'gift',
];

export function largestDatasetsRequest() {
  const datasets = Array.from({ length: DISPATCH_LIMITS.datasets }, (_unused, set) => ({
    name: `set ${set}`,
    records: Array.from({ length: DISPATCH_LIMITS.recordsPerDataset }, (_record, index) => ({
      text: `Record ${set}-${index}: ${WORDS[index % 10]} ${WORDS[(index * 7 + set) % 10]} ${index % 97}.`,
    })),
  }));
  return {
    messages: [{ type: 'user', text: 'Where is my refund for the order to Lisbon?' }],
    extensions: { datasets },
  };
}

/** A body cap that lets the request in (the default MAX_BODY_BYTES is 1 MiB). */
export const LARGE_DATASETS_ENV = { MAX_BODY_BYTES: String(8 * 1024 * 1024) };
