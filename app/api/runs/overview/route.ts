import { readQuery } from '@/lib/http/query';
import { apiRoute, json } from '@/lib/http/api-route';
import { overviewQuerySchema, runsOverview } from '@/lib/runs/overview';
import { otherMethods } from '@/lib/http/other-methods';

export const GET = apiRoute(async ({ request, runtime, owner }) => {
  const { window } = readQuery(request, overviewQuerySchema);
  return json(await runsOverview(runtime, owner, window));
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
