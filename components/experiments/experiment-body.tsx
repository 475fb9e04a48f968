'use client';
// An experiment's title, status and its comparison or batch grid, kept live while it runs: the owner's
// page and a share link's page show the same body, read through their own source.
import type { ReactNode } from 'react';
import { Badge } from '@/components/ui/badge';
import type { ExperimentPageView, ExperimentSource } from '@/lib/client/experiments-api';
import { formatDateTime } from '@/lib/client/format';
import { useExperimentCells } from '@/lib/client/use-experiment-cells';
import { BatchView } from './batch-view';
import { CompareView } from './compare-view';
import { ExperimentStatusBadge } from './experiment-status';

interface ExperimentBodyProps {
  experiment: ExperimentPageView;
  source: ExperimentSource;
  /** Above the title: the way back to the list (the owner's page only). */
  above?: ReactNode;
  /** Beside the title: Share (the owner's page only). */
  actions?: ReactNode;
}

export function ExperimentBody({ experiment, source, above, actions }: ExperimentBodyProps) {
  const cells = useExperimentCells(source, experiment.status === 'running');
  return (
    <div className="space-y-4">
      <div className="space-y-1">
        {above}
        <div className="flex flex-wrap items-center gap-2">
          <h1 className="text-2xl font-semibold break-words">{experiment.name}</h1>
          <ExperimentStatusBadge experiment={experiment} />
          <Badge>{experiment.kind === 'batch' ? 'Batch' : 'Compare'}</Badge>
          {actions ? <div className="ml-auto">{actions}</div> : null}
        </div>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Started {formatDateTime(experiment.createdAt)} · {experiment.spec.variants.length} variants
          {experiment.kind === 'batch' ? ` · ${experiment.rowCount.toLocaleString()} inputs` : ''}
        </p>
      </div>
      {experiment.kind === 'batch' ? (
        <BatchView experiment={experiment} cells={cells} source={source} />
      ) : (
        <CompareView key={experiment.id} experiment={experiment} cells={cells} source={source} />
      )}
    </div>
  );
}
