import type { Metadata } from 'next';
import { SharedLinkView } from '@/components/share/shared-link-view';
import { getConfig } from '@/lib/config';

export const metadata: Metadata = { title: 'Shared · Dispatch Studio', referrer: 'no-referrer' };

export default async function SharedPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return <SharedLinkView token={decodeURIComponent(token)} answerWaitLimitMs={getConfig().CHANNEL_WAIT_TIMEOUT_MS} />;
}
