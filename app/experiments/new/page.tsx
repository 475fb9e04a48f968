import type { Metadata } from 'next';
import { Suspense } from 'react';
import { ExperimentSetup } from '@/components/experiments/experiment-setup';

export const metadata: Metadata = { title: 'New experiment · Dispatch Studio' };

export default function NewExperimentPage() {
  return (
    <Suspense>
      <ExperimentSetup />
    </Suspense>
  );
}
