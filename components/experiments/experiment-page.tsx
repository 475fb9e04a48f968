'use client';
// /experiments/{id}: the owner's view of an experiment, with Share.
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useMemo } from 'react';
import { ShareButton } from '@/components/live/share-dialog';
import { cn } from '@/components/ui/cn';
import { NothingToShow } from '@/components/ui/nothing-to-show';
import { TOUCH_LINK_CLASSES } from '@/components/ui/touch-target';
import { ApiClientError } from '@/lib/client/api';
import { getExperiment, ownerExperimentSource } from '@/lib/client/experiments-api';
import { queryKeys } from '@/lib/client/keys';
import { ExperimentBody } from './experiment-body';

export function ExperimentPage({ id }: { id: string }) {
  const source = useMemo(() => ownerExperimentSource(id), [id]);
  const query = useQuery({
    queryKey: queryKeys.experiments.detail(id),
    queryFn: () => getExperiment(id),
    refetchInterval: (state) => (state.state.data?.experiment.status === 'running' ? 2_000 : false),
  });
  const experiment = query.data?.experiment;

  if (query.isError)
    return (
      <NothingToShow
        message={
          query.error instanceof ApiClientError && query.error.status === 404
            ? 'There is no experiment with this address, or it was started by someone else.'
            : `This experiment could not be loaded: ${query.error.message}`
        }
        back={{ href: '/experiments', label: 'See all experiments' }}
      />
    );
  if (!experiment) return <p className="text-sm text-zinc-500">Loading…</p>;
  return (
    <ExperimentBody
      experiment={experiment}
      source={source}
      above={
        <p className="text-sm">
          <Link className={cn('text-zinc-600 underline dark:text-zinc-400', TOUCH_LINK_CLASSES)} href="/experiments">
            Experiments
          </Link>
        </p>
      }
      actions={<ShareButton target={{ kind: 'experiment', id }} />}
    />
  );
}
