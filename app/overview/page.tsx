import type { Metadata } from 'next';
import { Suspense } from 'react';
import { OverviewDashboard } from '@/components/overview/overview-dashboard';

export const metadata: Metadata = { title: 'Overview · Dispatch Studio' };

export default function OverviewPage() {
  // The chosen window is read from the URL (useSearchParams), which needs a Suspense boundary.
  return (
    <Suspense fallback={<p className="text-sm text-zinc-500">Loading figures…</p>}>
      <OverviewDashboard />
    </Suspense>
  );
}
