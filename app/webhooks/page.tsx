import type { Metadata } from 'next';
import { WebhooksPage } from '@/components/webhooks/webhooks-page';

export const metadata: Metadata = { title: 'Webhooks · Dispatch Studio' };

export default function Webhooks() {
  return <WebhooksPage />;
}
