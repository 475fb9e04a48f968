// What a page shows when its address has nothing behind it (no such run or experiment, or one started
// by someone else): what happened, in words, and the way back.
import Link from 'next/link';
import { cn } from './cn';

export function NothingToShow({
  message,
  back,
  large = false,
}: {
  message: string;
  /** Where to go instead; none in presentation mode, which has no controls. */
  back?: { href: string; label: string };
  large?: boolean;
}) {
  return (
    <div className="space-y-3">
      <h1 className={cn('font-semibold', large ? 'text-3xl' : 'text-xl')}>Nothing to show here</h1>
      <p role="alert" className="text-zinc-700 dark:text-zinc-300">
        {message}
      </p>
      {back ? (
        <Link href={back.href} className="text-sm font-medium underline underline-offset-2">
          {back.label}
        </Link>
      ) : null}
    </div>
  );
}
