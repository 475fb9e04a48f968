import { runShareLinks } from '@/lib/share/share-link-routes';
import { otherMethods } from '@/lib/http/other-methods';

export const GET = runShareLinks.list;
export const POST = runShareLinks.create;

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET', 'POST');
