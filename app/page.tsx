import { Suspense } from 'react';
import { DispatchBuilder } from '@/components/builder/dispatch-builder';
import { getConfig } from '@/lib/config';
import { isAuthEnabled } from '@/lib/secrets/api-secrets';

export default function BuilderPage() {
  return (
    <Suspense>
      {/* Whether code examples send a secret: only when this server asks for one. */}
      <DispatchBuilder needsSecret={isAuthEnabled(getConfig())} />
    </Suspense>
  );
}
