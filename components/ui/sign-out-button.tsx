'use client';
import { useMutation } from '@tanstack/react-query';
import { signOutSession } from '@/lib/client/api';
import { Button } from './button';

/** Ends the dashboard session (clears the cookie) and goes back to the sign-in page. */
export function SignOutButton({ className }: { className?: string }) {
  const signOut = useMutation({
    mutationFn: signOutSession,
    // A full page load, so the server-rendered header and every cached query start fresh without the session.
    // eslint-disable-next-line @next/next/no-location-assign-relative-destination -- full load intended
    onSuccess: () => window.location.assign('/sign-in'),
  });
  return (
    <Button
      variant="ghost"
      size="sm"
      className={className}
      busy={signOut.isPending}
      onClick={() => signOut.mutate()}
    >
      Sign out
    </Button>
  );
}
