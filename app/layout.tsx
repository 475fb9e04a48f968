import type { Metadata } from 'next';
import { cookies } from 'next/headers';
import { connection } from 'next/server';
import type { ReactNode } from 'react';
import { AppChrome } from '@/components/ui/app-chrome';
import { RunNoticeToasts } from '@/components/notices/run-notice-toasts';
import { AppHeader } from '@/components/ui/app-header';
import { MAIN_CONTENT_ID } from '@/components/ui/main-content';
import { ToastStack } from '@/components/ui/toast-stack';
import { getConfig } from '@/lib/config';
import { isAuthEnabled } from '@/lib/secrets/api-secrets';
import { SESSION_COOKIE, verifySessionValue } from '@/lib/http/session';
import { QueryProvider } from '@/lib/client/query-provider';
import './globals.css';

export const metadata: Metadata = {
  title: 'Dispatch Studio',
  description: 'Compose, run and watch background AI conversation jobs',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Rendered per request, so Next applies the CSP nonce that proxy.ts sets to its scripts.
  await connection();
  const config = getConfig();
  const session = (await cookies()).get(SESSION_COOKIE)?.value;
  const signedIn =
    isAuthEnabled(config) && session !== undefined && verifySessionValue(session, config) !== undefined;
  return (
    <html lang="en">
      <body>
        <QueryProvider>
          <AppChrome>
            <AppHeader signedIn={signedIn} />
          </AppChrome>
          {/* Focusable so the skip link can land here; a landing spot, not a control, so it draws no ring.
              Its bottom padding grows by the toasts' height while toasts show (components/ui/toast-stack). */}
          <main
            id={MAIN_CONTENT_ID}
            tabIndex={-1}
            className="mx-auto max-w-7xl px-4 pt-6 pb-[calc(1.5rem+var(--toast-space,0px))] focus:outline-none"
          >
            {children}
          </main>
          <ToastStack>
            {/* Not before sign-in: the notices are the signed-in owner's. */}
            {!isAuthEnabled(config) || signedIn ? (
              <AppChrome>
                <RunNoticeToasts />
              </AppChrome>
            ) : null}
          </ToastStack>
        </QueryProvider>
      </body>
    </html>
  );
}
