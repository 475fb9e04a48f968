import Link from 'next/link';
import { NavLinks } from './nav-links';
import { SignOutButton } from './sign-out-button';
import { SkipLink } from './skip-link';

/** `signedIn` is true only when API_SECRET is set and the visitor has a session; then sign-out is offered. */
export function AppHeader({ signedIn = false }: { signedIn?: boolean }) {
  return (
    <header className="border-b border-zinc-200 dark:border-zinc-800">
      <SkipLink />
      <nav
        aria-label="Main"
        className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3 sm:gap-x-6 pointer-coarse:gap-y-0 pointer-coarse:py-1"
      >
        {/* On a phone the name has a line of its own and the pages share the next one (none left alone). */}
        <Link href="/" className="basis-full font-semibold tracking-tight sm:basis-auto pointer-coarse:flex pointer-coarse:min-h-11 pointer-coarse:items-center">
          Dispatch Studio
        </Link>
        <NavLinks />
        {signedIn ? <SignOutButton className="ml-auto" /> : null}
      </nav>
    </header>
  );
}
