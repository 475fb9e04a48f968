import { invalidRequest } from '@/lib/errors';
import { apiRoute, json } from '@/lib/http/api-route';
import { noticeQuerySchema, noticesSince } from '@/lib/runs/notices';

export const GET = apiRoute(async ({ request, runtime, owner }) => {
  const query = noticeQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) throw invalidRequest(query.error, ['query']);
  return json(await noticesSince(runtime.store, owner, query.data.after));
});
