'use client';
// The header's page links; the page being shown is marked (aria-current) and drawn stronger.
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { cn } from './cn';
import { TOUCH_LINK_CLASSES } from './touch-target';

const PAGES = [
  { href: '/', label: 'Builder' },
  { href: '/runs', label: 'Runs' },
  { href: '/overview', label: 'Overview' },
  { href: '/experiments', label: 'Experiments' },
  { href: '/webhooks', label: 'Webhooks' },
];

/** The builder is the home page only; any other page is current on its own path and the ones below it. */
const isCurrent = (href: string, pathname: string) =>
  href === '/' ? pathname === '/' : pathname === href || pathname.startsWith(`${href}/`);

export function NavLinks() {
  const pathname = usePathname() ?? '';
  return PAGES.map((page) => {
    const current = isCurrent(page.href, pathname);
    return (
      <Link
        key={page.href}
        href={page.href}
        aria-current={current ? 'page' : undefined}
        className={cn(
          'text-sm hover:text-zinc-900 dark:hover:text-zinc-100',
          TOUCH_LINK_CLASSES,
          'pointer-coarse:justify-center',
          current
            ? 'font-medium text-zinc-900 underline decoration-2 underline-offset-8 dark:text-zinc-100'
            : 'text-zinc-600 dark:text-zinc-400',
        )}
      >
        {page.label}
      </Link>
    );
  });
}
