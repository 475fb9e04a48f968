import type { Metadata } from 'next';
import { LiveRunView } from '@/components/live/live-run-view';

export const metadata: Metadata = { title: 'Run · Dispatch Studio' };

export default async function RunPage({ params }: { params: Promise<{ channelId: string }> }) {
  const { channelId } = await params;
  return <LiveRunView channelId={decodeURIComponent(channelId)} />;
}
