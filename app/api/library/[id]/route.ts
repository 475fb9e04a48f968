import { ApiError } from '@/lib/errors';
import { apiRoute, json } from '@/lib/http/api-route';
import { getLibraryStore } from '@/lib/library/library-runtime';
import { otherMethods } from '@/lib/http/other-methods';

export const DELETE = apiRoute<{ id: string }>(async ({ params, runtime, owner }) => {
  const removed = await (await getLibraryStore(runtime.config)).remove(owner, params.id);
  if (!removed) throw new ApiError('NOT_FOUND', 'No such piece in your library');
  return json({ removed: true });
});

export const { GET, POST, PUT, PATCH, OPTIONS } = otherMethods('DELETE');
