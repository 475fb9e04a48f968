import { SignInForm } from '@/components/ui/sign-in-form';
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
        Enter one of the server&apos;s API secrets. It is sent once and exchanged for a session cookie.
      </p>
      <SignInForm next={safeNextPath(typeof next === 'string' ? next : undefined)} />
    </section>
  );
}
