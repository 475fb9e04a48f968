import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { AppHeader } from '@/components/ui/app-header';
import { QueryProvider } from '@/lib/client/query-provider';
import './globals.css';

export const metadata: Metadata = {
  title: 'Dispatch Studio',
  description: 'Compose, run and watch background AI conversation jobs',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <QueryProvider>
          <AppHeader />
          <main className="mx-auto max-w-7xl px-4 py-6">{children}</main>
        </QueryProvider>
      </body>
    </html>
  );
}
