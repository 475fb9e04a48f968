'use client';
// The run's webhook deliveries: each attempt with its time, receiver, attempt number and answer.
// Shown once there is something to show (webhooks are optional).
import { useQuery } from '@tanstack/react-query';
import { getDeliveries } from '@/lib/client/api';
import { formatTime } from '@/lib/client/format';
import { queryKeys } from '@/lib/client/keys';

export function WebhookDeliveries({ channelId, ended }: { channelId: string; ended: boolean }) {
  const deliveries = useQuery({
    queryKey: queryKeys.runs.deliveries(channelId),
    queryFn: () => getDeliveries(channelId),
    // Attempts keep coming after the run ends (retries), so keep polling while any is pending.
    refetchInterval: (query) =>
      !ended || query.state.data?.items.some((item) => item.nextAttemptAt !== undefined) ? 2000 : 10_000,
  });
  const items = deliveries.data?.items ?? [];
  if (items.length === 0) return null;
  // An attempt that was followed by another says so, not the "next try" it had planned.
  const lastAttempt = new Map<string, number>();
  for (const item of items)
    lastAttempt.set(item.deliveryId, Math.max(item.attempt, lastAttempt.get(item.deliveryId) ?? 0));
  // On a phone, Event and Receiver go under the time, so the answer has the width to be read.
  const wideOnly = 'max-sm:hidden';
  return (
    <section aria-labelledby="webhook-deliveries" className="space-y-2">
      <h2 id="webhook-deliveries" className="text-sm font-semibold">
        Webhook deliveries
      </h2>
      <div className="overflow-x-auto rounded-lg border border-zinc-200 dark:border-zinc-800">
        <table className="w-full text-left text-sm sm:min-w-[520px]">
          <thead className="bg-zinc-50 text-xs text-zinc-500 dark:bg-zinc-900">
            <tr>
              {['Time', 'Event', 'Receiver', 'Attempt', 'Answer'].map((header) => (
                <th
                  key={header}
                  scope="col"
                  className={`px-3 py-2 font-medium ${header === 'Event' || header === 'Receiver' ? wideOnly : ''}`}
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
                  <span className="block font-mono text-xs text-zinc-600 sm:hidden dark:text-zinc-400">
                    {item.type}
                  </span>
                </td>
                <td className={`px-3 py-2 font-mono text-xs ${wideOnly}`}>{item.type}</td>
                <td className={`max-w-56 truncate px-3 py-2 font-mono text-xs ${wideOnly}`}>{item.url}</td>
                <td className="px-3 py-2 tabular-nums">{item.attempt}</td>
                <td className="px-3 py-2">
                  {item.error ? (
                    <span className="text-red-700 dark:text-red-300">
                      {item.error}
                      {(lastAttempt.get(item.deliveryId) ?? 0) > item.attempt
                        ? ' — tried again'
                        : item.nextAttemptAt
                          ? ` — next try at ${formatTime(item.nextAttemptAt)}`
                          : ' — given up'}
                    </span>
                  ) : (
                    <span className="text-emerald-700 dark:text-emerald-300">
                      Delivered ({item.statusCode})
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
