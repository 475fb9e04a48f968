import { sharedRunRoute, sharedRunStream } from '@/lib/share/share-route';
import { otherMethods } from '@/lib/http/other-methods';

export const POST = sharedRunRoute(async ({ request, runtime, shared }) =>
  sharedRunStream(request, runtime, shared.run),
);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
