import type { Metadata } from 'next';
import { RunsDashboard } from '@/components/runs/runs-dashboard';

export const metadata: Metadata = { title: 'Runs · Dispatch Studio' };

export default function RunsPage() {
  return <RunsDashboard />;
}
