'use client';
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { ApiClientError, signInSession } from '@/lib/client/api';
import { signInRequestSchema, type SignInRequest } from '@/lib/http/sign-in-schema';
import { Button } from './button';
import { describedBy, Field, INPUT_CLASSES } from './field';

/** Takes the secret once; on success the server has set the session cookie and the page reloads at `next`. */
export function SignInForm({ next }: { next: string }) {
  const form = useForm<SignInRequest>({
    resolver: zodResolver(signInRequestSchema),
    defaultValues: { secret: '' },
  });
  const signIn = useMutation({
    mutationFn: signInSession,
    // A full page load, so the server-rendered header sees the new session cookie.
    onSuccess: () => window.location.assign(next),
  });
  const error =
    form.formState.errors.secret?.message ??
    (signIn.error instanceof ApiClientError && signIn.error.status === 401
      ? 'That secret is not valid.'
      : signIn.error?.message);

  return (
    <form
      className="mt-6 space-y-4"
      noValidate
      onSubmit={form.handleSubmit((values) => signIn.mutate(values))}
    >
      <Field id="secret" label="Secret" error={error}>
        <input
          id="secret"
          type="password"
          autoComplete="current-password"
          className={INPUT_CLASSES}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy('secret', { error })}
          {...form.register('secret')}
        />
      </Field>
      <Button type="submit" variant="primary" busy={signIn.isPending}>
        {signIn.isPending ? 'Signing in…' : 'Sign in'}
      </Button>
    </form>
  );
}
