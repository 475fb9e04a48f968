import type { Metadata } from 'next';
import { SharedRunView } from '@/components/live/shared-run-view';

export const metadata: Metadata = { title: 'Shared run · Dispatch Studio', referrer: 'no-referrer' };

export default async function SharedRunPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return <SharedRunView token={decodeURIComponent(token)} />;
}
