'use client';
// A link in a long list (the runs, the webhook deliveries, a batch's grid): Next prefetches every link that
// comes into view, which for a page of 50 runs is 50 requests to the server, most for runs no one opens.
// This one prefetches when the reader reaches for it (the pointer over it, or focus on it), as few as are
// opened; it takes no `prefetch` of its own, since it decides when to prefetch.
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import type { ComponentProps } from 'react';

type IntentLinkProps = Omit<ComponentProps<typeof Link>, 'href' | 'prefetch'> & { href: string };

export function IntentLink({ href, onPointerEnter, onFocus, ...props }: IntentLinkProps) {
  const router = useRouter();
  return (
    <Link
      {...props}
      href={href}
      prefetch={false}
      onPointerEnter={(event) => {
        router.prefetch(href);
        onPointerEnter?.(event);
      }}
      onFocus={(event) => {
        router.prefetch(href);
        onFocus?.(event);
      }}
    />
  );
}
