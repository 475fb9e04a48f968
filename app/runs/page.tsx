import type { Metadata } from 'next';
import { Suspense } from 'react';
import { RunsDashboard } from '@/components/runs/runs-dashboard';

export const metadata: Metadata = { title: 'Runs · Dispatch Studio' };

export default function RunsPage() {
  // The dashboard reads its filters from the URL (useSearchParams), which needs a Suspense boundary.
  return (
    <Suspense fallback={<p className="text-sm text-zinc-500">Loading runs…</p>}>
      <RunsDashboard />
    </Suspense>
  );
}
