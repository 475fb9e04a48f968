import Link from 'next/link';
import { SignOutButton } from './sign-out-button';

/** `signedIn` is true only when API_SECRET is set and the visitor has a session; then sign-out is offered. */
export function AppHeader({ signedIn = false }: { signedIn?: boolean }) {
  return (
    <header className="border-b border-zinc-200 dark:border-zinc-800">
      <nav
        aria-label="Main"
        className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3"
      >
        <Link href="/" className="font-semibold tracking-tight">
          Dispatch Studio
        </Link>
        <Link
          href="/"
          className="text-sm text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100"
        >
          Builder
        </Link>
        <Link
          href="/runs"
          className="text-sm text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100"
        >
          Runs
        </Link>
        <Link
          href="/overview"
          className="text-sm text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100"
        >
          Overview
        </Link>
        <Link
          href="/experiments"
          className="text-sm text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100"
        >
          Experiments
        </Link>
        {signedIn ? <SignOutButton className="ml-auto" /> : null}
      </nav>
    </header>
  );
}
