import { readQuery } from '@/lib/http/query';
import { apiRoute, json } from '@/lib/http/api-route';
import { noticeQuerySchema, noticesSince } from '@/lib/runs/notices';
import { otherMethods } from '@/lib/http/other-methods';

export const GET = apiRoute(async ({ request, runtime, owner }) => {
  const { after } = readQuery(request, noticeQuerySchema);
  return json(await noticesSince(runtime.store, owner, after));
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
