import { readQuery } from '@/lib/http/query';
import { apiRoute, json } from '@/lib/http/api-route';
import { overviewQuerySchema, runsOverview } from '@/lib/runs/overview';

export const GET = apiRoute(async ({ request, runtime, owner }) => {
  const { window } = readQuery(request, overviewQuerySchema);
  return json(await runsOverview(runtime, owner, window));
});
