import { runShareLinks } from '@/lib/share/share-link-routes';

export const GET = runShareLinks.list;
export const POST = runShareLinks.create;
