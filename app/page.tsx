import { Suspense } from 'react';
import { DispatchBuilder } from '@/components/builder/dispatch-builder';

export default function BuilderPage() {
  return (
    <Suspense>
      <DispatchBuilder />
    </Suspense>
  );
}
