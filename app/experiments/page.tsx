import type { Metadata } from 'next';
import { ExperimentsList } from '@/components/experiments/experiments-list';

export const metadata: Metadata = { title: 'Experiments · Dispatch Studio' };

export default function ExperimentsPage() {
  return <ExperimentsList />;
}
