'use client';
// The run's webhook deliveries: each attempt with its time, receiver, attempt number and answer.
// Shown once there is something to show (webhooks are optional).
import { useQuery } from '@tanstack/react-query';
import { getDeliveries } from '@/lib/client/api';
import { queryKeys } from '@/lib/client/keys';
import { DeliveryAttemptsTable } from '@/components/webhooks/delivery-attempts-table';

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
  return (
    <section aria-labelledby="webhook-deliveries" className="space-y-2">
      <h2 id="webhook-deliveries" className="text-sm font-semibold">
        Webhook deliveries
      </h2>
      <DeliveryAttemptsTable items={items} />
    </section>
  );
}
