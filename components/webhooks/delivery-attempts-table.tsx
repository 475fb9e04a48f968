// Webhook delivery attempts as a table: time, event, receiver, attempt and the receiver's answer. A run's
// page lists its own; the webhooks page lists the newest across runs, each linked to its run.
import { IntentLink } from '@/components/ui/intent-link';
import { Fragment } from 'react';
import { formatTime, runName } from '@/lib/client/format';
import { runPagePath } from '@/lib/client/page-paths';
import type { DeliveryAttempt } from '@/lib/webhooks/outbox';

type ListedAttempt = DeliveryAttempt & { channelId?: string };

/**
 * What became of an attempt that failed: delivered by a later attempt, tried again since, due again at a
 * time, or given up. Only a message given up on is still a failure (red); the rest are on their way (amber)
 * or were delivered in the end (grey).
 */
function afterFailure(
  item: ListedAttempt,
  lastAttempt: number,
  deliveredOn: number | undefined,
): { text: string; tone: string } {
  if (deliveredOn !== undefined && deliveredOn > item.attempt)
    return { text: ` — delivered on attempt ${deliveredOn}`, tone: 'text-zinc-600 dark:text-zinc-400' };
  if (lastAttempt > item.attempt) return { text: ' — tried again', tone: ON_ITS_WAY };
  return item.nextAttemptAt
    ? { text: ` — next try at ${formatTime(item.nextAttemptAt)}`, tone: ON_ITS_WAY }
    : { text: ' — given up', tone: 'text-red-700 dark:text-red-300' };
}

const ON_ITS_WAY = 'text-amber-800 dark:text-amber-300';

function FailedAnswer({ item, lastAttempt, deliveredOn }: { item: ListedAttempt; lastAttempt: number; deliveredOn?: number }) {
  const { text, tone } = afterFailure(item, lastAttempt, deliveredOn);
  return (
    <span className={tone}>
      {item.error}
      {text}
    </span>
  );
}

function RunLink({ channelId }: { channelId: string }) {
  return (
    <IntentLink
      href={runPagePath(channelId)}
      className="text-xs whitespace-nowrap text-indigo-700 underline hover:no-underline dark:text-indigo-300"
    >
      {runName(channelId)}
    </IntentLink>
  );
}

/**
 * A receiver's address that wraps where a person would break it (after "://", before each "/" of its
 * path), and anywhere only within a part too long for the line: "http://" over "127.0.0.1:3701/hook",
 * not "http://127.0." over "0.1:3701/hook".
 */
function ReceiverUrl({ url }: { url: string }) {
  const parts = url.split(/(?<=:\/\/)|(?=\/(?!\/))/);
  return (
    <>
      {parts.map((part, index) => (
        <Fragment key={index}>
          {index > 0 ? <wbr /> : null}
          {part}
        </Fragment>
      ))}
    </>
  );
}

export function DeliveryAttemptsTable({ items, showRun = false }: { items: ListedAttempt[]; showRun?: boolean }) {
  // An attempt that was followed by another says so, not the "next try" it had planned.
  const lastAttempt = new Map<string, number>();
  const deliveredOn = new Map<string, number>();
  for (const item of items) {
    lastAttempt.set(item.deliveryId, Math.max(item.attempt, lastAttempt.get(item.deliveryId) ?? 0));
    if (!item.error) deliveredOn.set(item.deliveryId, item.attempt);
  }
  // On a phone, Run, Event and Receiver go under the time (the receiver wrapped where its parts meet), and
  // the attempt under the answer, so the answer has the width to be read and the receiver is shown whole.
  const wideOnly = 'max-sm:hidden';
  const underTimeOnPhone = (header: string) =>
    header === 'Run' || header === 'Event' || header === 'Receiver' || header === 'Attempt';
  const headers = ['Time', ...(showRun ? ['Run'] : []), 'Event', 'Receiver', 'Attempt', 'Answer'];
  return (
    <div className="overflow-x-auto rounded-lg border border-zinc-200 dark:border-zinc-800">
      <table className="w-full text-left text-sm sm:min-w-[520px]">
        <thead className="bg-zinc-50 text-xs text-zinc-500 dark:bg-zinc-900">
          <tr>
            {headers.map((header) => (
              <th
                key={header}
                scope="col"
                // On a phone the time's column holds the receiver too: close to half the width for it.
                className={`px-3 py-2 font-medium ${underTimeOnPhone(header) ? wideOnly : ''} ${header === 'Time' ? 'max-sm:w-[45%]' : ''}`}
              >
                {header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
          {items.map((item) => (
            <tr key={`${item.deliveryId}-${item.attempt}`} data-testid="webhook-delivery">
              <td className="px-3 py-2 whitespace-nowrap tabular-nums">
                {formatTime(item.at)}
                {showRun && item.channelId ? (
                  <span className="block sm:hidden">
                    <RunLink channelId={item.channelId} />
                  </span>
                ) : null}
                <span className="block font-mono text-xs text-zinc-600 sm:hidden dark:text-zinc-400">
                  {item.type}
                </span>
                {/* w-0 min-w-full: it wraps within the column the time and event make, rather than
                    widening it and leaving the answer too narrow to read. */}
                <span className="block w-0 min-w-full font-mono text-xs wrap-anywhere whitespace-normal text-zinc-600 sm:hidden dark:text-zinc-400">
                  <span className="sr-only">Receiver: </span>
                  <ReceiverUrl url={item.url} />
                </span>
              </td>
              {showRun && item.channelId ? (
                <td className={`px-3 py-2 ${wideOnly}`}>
                  <RunLink channelId={item.channelId} />
                </td>
              ) : null}
              <td className={`px-3 py-2 font-mono text-xs ${wideOnly}`}>{item.type}</td>
              <td className={`max-w-56 truncate px-3 py-2 font-mono text-xs ${wideOnly}`} title={item.url}>
                {item.url}
              </td>
              <td className={`px-3 py-2 tabular-nums ${wideOnly}`}>{item.attempt}</td>
              <td className="px-3 py-2">
                <span className="block text-xs text-zinc-600 tabular-nums sm:hidden dark:text-zinc-400">
                  Attempt {item.attempt}
                </span>
                {item.error ? (
                  <FailedAnswer
                    item={item}
                    lastAttempt={lastAttempt.get(item.deliveryId) ?? 0}
                    deliveredOn={deliveredOn.get(item.deliveryId)}
                  />
                ) : (
                  <span className="text-emerald-700 dark:text-emerald-300">Delivered ({item.statusCode})</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
