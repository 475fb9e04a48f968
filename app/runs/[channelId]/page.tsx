import type { Metadata } from 'next';
import { LiveRunView } from '@/components/live/live-run-view';
import { getConfig } from '@/lib/config';

export const metadata: Metadata = { title: 'Run · Dispatch Studio' };

export default async function RunPage({
  params,
  searchParams,
}: {
  params: Promise<{ channelId: string }>;
  searchParams: Promise<{ present?: string }>;
}) {
  const { channelId } = await params;
  const { present } = await searchParams;
  return (
    <LiveRunView
      channelId={decodeURIComponent(channelId)}
      present={present === '1'}
      answerWaitLimitMs={getConfig().CHANNEL_WAIT_TIMEOUT_MS}
    />
  );
}
