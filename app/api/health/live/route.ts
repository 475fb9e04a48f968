// Liveness: the process is up and serving. No auth, touches nothing.
import { withRequestLog } from '@/lib/ops/request-log';

export const dynamic = 'force-dynamic';

export const GET = (request: Request) =>
  withRequestLog(
    request,
    async () => Response.json({ status: 'live' }, { headers: { 'cache-control': 'no-store' } }),
    {
      level: 'debug',
    },
  );
