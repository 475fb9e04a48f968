// Readiness: 200 when this process can take work, 503 naming the failing part otherwise. No auth.
import { checkReadiness, readinessResponse } from '@/lib/ops/health';
import { withRequestLog } from '@/lib/ops/request-log';
import { getRuntime } from '@/lib/server/runtime';
import { otherMethods } from '@/lib/http/other-methods';

export const dynamic = 'force-dynamic';

export const GET = (request: Request) =>
  withRequestLog(request, async () => readinessResponse(await checkReadiness(getRuntime)), {
    level: 'debug',
  });

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
