import type { Metadata } from 'next';
import { ExperimentPage } from '@/components/experiments/experiment-page';

export const metadata: Metadata = { title: 'Experiment · Dispatch Studio' };

export default async function ExperimentRoute({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <ExperimentPage id={decodeURIComponent(id)} />;
}
