'use client';
// /experiments/{id}: a comparison's columns or a batch's grid, kept live while the experiment runs.
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { getExperiment } from '@/lib/client/experiments-api';
import { formatDateTime } from '@/lib/client/format';
import { queryKeys } from '@/lib/client/keys';
import { useExperimentCells } from '@/lib/client/use-experiment-cells';
import { BatchView } from './batch-view';
import { CompareView } from './compare-view';
import { ExperimentStatusBadge } from './experiment-status';

export function ExperimentPage({ id }: { id: string }) {
  const query = useQuery({
    queryKey: queryKeys.experiments.detail(id),
    queryFn: () => getExperiment(id),
    refetchInterval: (state) => (state.state.data?.experiment.status === 'running' ? 2_000 : false),
  });
  const experiment = query.data?.experiment;
  const cells = useExperimentCells(id, experiment && experiment.status === 'running');

  if (query.isError)
    return (
      <p role="alert" className="text-sm text-red-700 dark:text-red-300">
        This experiment could not be loaded: {query.error.message}.{' '}
        <Link className="underline" href="/experiments">
          All experiments
        </Link>
      </p>
    );
  if (!experiment) return <p className="text-sm text-zinc-500">Loading…</p>;
  return (
    <div className="space-y-4">
      <div className="space-y-1">
        <p className="text-sm">
          <Link className="text-zinc-600 underline dark:text-zinc-400" href="/experiments">
            Experiments
          </Link>
        </p>
        <div className="flex flex-wrap items-center gap-2">
          <h1 className="text-2xl font-semibold break-words">{experiment.name}</h1>
          <ExperimentStatusBadge status={experiment.status} />
          <Badge>{experiment.kind === 'batch' ? 'Batch' : 'Compare'}</Badge>
        </div>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Started {formatDateTime(experiment.createdAt)} · {experiment.spec.variants.length} variants
          {experiment.kind === 'batch' ? ` · ${experiment.rowCount.toLocaleString()} inputs` : ''}
        </p>
      </div>
      {experiment.kind === 'batch' ? (
        <BatchView experiment={experiment} cells={cells} />
      ) : (
        <CompareView key={experiment.id} experiment={experiment} cells={cells} />
      )}
    </div>
  );
}
