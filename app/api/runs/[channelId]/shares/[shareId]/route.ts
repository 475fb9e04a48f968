import { runShareLinks } from '@/lib/share/share-link-routes';

export const DELETE = runShareLinks.revoke;
