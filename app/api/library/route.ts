import { ApiError } from '@/lib/errors';
import { apiRoute, json } from '@/lib/http/api-route';
import { readJsonBody } from '@/lib/http/body';
import { getLibraryStore } from '@/lib/library/library-runtime';
import { LIBRARY_MAX_ITEM_BYTES, LIBRARY_MAX_ITEMS, newLibraryItemSchema } from '@/lib/library/schema';
import { otherMethods } from '@/lib/http/other-methods';

export const GET = apiRoute(async ({ runtime, owner }) => {
  const library = await getLibraryStore(runtime.config);
  return json({ items: await library.list(owner) });
});

export const POST = apiRoute(async ({ request, runtime, owner }) => {
  const maxBytes = Math.min(runtime.config.MAX_BODY_BYTES, LIBRARY_MAX_ITEM_BYTES);
  const item = await readJsonBody(request, newLibraryItemSchema, { maxBytes });
  const saved = await (await getLibraryStore(runtime.config)).save(owner, item);
  if (!saved) {
    throw new ApiError(
      'CONFLICT',
      `The library holds at most ${LIBRARY_MAX_ITEMS} pieces; remove one first.`,
    );
  }
  return json(saved);
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET', 'POST');
