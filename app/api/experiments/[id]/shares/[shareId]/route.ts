import { experimentShareLinks } from '@/lib/share/share-link-routes';

export const DELETE = experimentShareLinks.revoke;
