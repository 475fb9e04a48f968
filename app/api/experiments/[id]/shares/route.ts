import { experimentShareLinks } from '@/lib/share/share-link-routes';
import { otherMethods } from '@/lib/http/other-methods';

export const GET = experimentShareLinks.list;
export const POST = experimentShareLinks.create;

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET', 'POST');
