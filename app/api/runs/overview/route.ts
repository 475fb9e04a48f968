import { invalidRequest } from '@/lib/errors';
import { apiRoute, json } from '@/lib/http/api-route';
import { overviewQuerySchema, runsOverview } from '@/lib/runs/overview';

export const GET = apiRoute(async ({ request, runtime, owner }) => {
  const query = overviewQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) throw invalidRequest(query.error, ['query']);
  return json(await runsOverview(runtime, owner, query.data.window));
});
