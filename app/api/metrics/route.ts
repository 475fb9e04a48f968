import { errorResponse } from '@/lib/errors';
import { authorizeMetricsScrape } from '@/lib/metrics/metrics-auth';
import { processMetrics } from '@/lib/metrics/registry';
import { getRuntime } from '@/lib/server/runtime';
import { otherMethods } from '@/lib/http/other-methods';

/** Prometheus text format: this process's counters, gauges and histograms. */
export async function GET(request: Request): Promise<Response> {
  try {
    const runtime = await getRuntime();
    authorizeMetricsScrape(request.headers.get('authorization'), runtime.config);
    const { registry } = processMetrics();
    return new Response(await registry.metrics(), { headers: { 'content-type': registry.contentType } });
  } catch (error) {
    return errorResponse(error);
  }
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
