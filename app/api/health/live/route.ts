// Liveness: the process is up and serving. No auth, touches nothing.
import { withRequestLog } from '@/lib/ops/request-log';
import { otherMethods } from '@/lib/http/other-methods';

export const dynamic = 'force-dynamic';

export const GET = (request: Request) =>
  withRequestLog(
    request,
    async () => Response.json({ status: 'live' }, { headers: { 'cache-control': 'no-store' } }),
    {
      level: 'debug',
    },
  );

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
