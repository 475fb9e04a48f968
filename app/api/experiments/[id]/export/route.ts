import { experimentRoute } from '@/lib/experiments/api-route';
import { exportQuerySchema } from '@/lib/experiments/schema';
import { readQuery } from '@/lib/http/query';
import { otherMethods } from '@/lib/http/other-methods';

const CONTENT_TYPES = { csv: 'text/csv; charset=utf-8', jsonl: 'application/jsonl; charset=utf-8' };

export const GET = experimentRoute<{ id: string }>(async ({ request, params, experiments, owner }) => {
  const { format } = readQuery(request, exportQuerySchema);
  const { body, fileName } = await experiments.exportExperiment(params.id, owner, format);
  return new Response(body, {
    headers: {
      'content-type': CONTENT_TYPES[format],
      'content-disposition': `attachment; filename="${fileName}"`,
    },
  });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
