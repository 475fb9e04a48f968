import { SignInForm } from '@/components/ui/sign-in-form';
import { SESSION_MAX_AGE_SECONDS } from '@/lib/http/session';
import { safeNextPath } from '@/lib/http/sign-in-schema';

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ next?: string | string[] }>;
}) {
  const { next } = await searchParams;
  return (
    <section className="mx-auto max-w-sm py-10">
      <h1 className="text-2xl font-semibold">Sign in</h1>
      <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
        This server asks for its secret: one of the API secrets whoever runs it has set. You then stay signed in
        on this browser for {SESSION_MAX_AGE_SECONDS / (24 * 60 * 60)} days.
      </p>
      <SignInForm next={safeNextPath(typeof next === 'string' ? next : undefined)} />
    </section>
  );
}
