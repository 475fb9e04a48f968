import { sharedRunRoute, sharedRunStream } from '@/lib/share/share-route';

export const POST = sharedRunRoute(async ({ request, runtime, shared }) =>
  sharedRunStream(request, runtime, shared.run),
);
