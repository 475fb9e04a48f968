// The sign-in body, shared by the sign-in form (browser) and POST /api/session (server).
import { z } from 'zod';

export const signInRequestSchema = z.strictObject({
  secret: z.string().min(1, 'Enter the secret').max(4_096, 'At most 4096 characters'),
});

export type SignInRequest = z.infer<typeof signInRequestSchema>;

/** Where to go after signing in: only a path on this site (no `//host` or scheme), else the builder. */
export function safeNextPath(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  return next;
}
