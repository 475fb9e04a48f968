import { experimentShareLinks } from '@/lib/share/share-link-routes';

export const GET = experimentShareLinks.list;
export const POST = experimentShareLinks.create;
