import { experimentShareLinks } from '@/lib/share/share-link-routes';
import { otherMethods } from '@/lib/http/other-methods';

export const DELETE = experimentShareLinks.revoke;

export const { GET, POST, PUT, PATCH, OPTIONS } = otherMethods('DELETE');
