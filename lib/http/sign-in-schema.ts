// The sign-in body, shared by the sign-in form (browser) and POST /api/session (server).
import { z } from 'zod';

export const signInRequestSchema = z.strictObject({
  secret: z.string().min(1, 'Enter the secret').max(4_096, 'At most 4096 characters'),
});

export type SignInRequest = z.infer<typeof signInRequestSchema>;

/** Stands in for this site's origin while resolving `next`; only paths on it are kept. */
const THIS_SITE = 'http://this-site.invalid';

/**
 * Where to go after signing in: a path on this site, else the builder. `next` is resolved the way the
 * browser will resolve it (the URL parser drops tabs and newlines and reads `\` as `/`, so
 * `/%09/evil.example` becomes `//evil.example`), and only a result on this origin is kept. The path is
 * returned normalised, with leading slashes collapsed, so it cannot be read as `//host` again.
 */
export function safeNextPath(next: string | null | undefined): string {
  if (!next || !next.startsWith('/')) return '/';
  let url: URL;
  try {
    url = new URL(next, THIS_SITE);
  } catch {
    return '/';
  }
  if (url.origin !== THIS_SITE) return '/';
  return `${url.pathname.replace(/^\/+/, '/')}${url.search}${url.hash}`;
}
