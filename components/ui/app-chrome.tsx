'use client';
// Hides the navigation where a page is shown to an audience: presentation mode (?present=1) and share
// links, which grant nothing but the one run.
import { usePathname, useSearchParams } from 'next/navigation';
import type { ReactNode } from 'react';

export function isPresentation(pathname: string, present: string | null): boolean {
  return pathname.startsWith('/share/') || present === '1';
}

export function AppChrome({ children }: { children: ReactNode }) {
  const pathname = usePathname();
  const searchParams = useSearchParams();
  return isPresentation(pathname, searchParams.get('present')) ? null : children;
}
