'use client';
// What an experiment's share link opens: its comparison or grid, live, without signing in and without
// actions. Everything comes through /api/share/{token}.
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { getShared } from '@/lib/client/api';
import { sharedExperimentSource } from '@/lib/client/experiments-api';
import { queryKeys } from '@/lib/client/keys';
import type { SharedExperimentDetail } from '@/lib/share/share-schema';
import { SharedNote } from '@/components/share/shared-note';
import { ExperimentBody } from './experiment-body';

export function SharedExperimentView({ token, initial }: { token: string; initial: SharedExperimentDetail }) {
  const source = useMemo(() => sharedExperimentSource(token), [token]);
  const detail = useQuery({
    queryKey: queryKeys.shared.detail(token),
    queryFn: () => getShared(token),
    refetchInterval: (query) =>
      query.state.data?.kind === 'experiment' && query.state.data.experiment.status !== 'running'
        ? false
        : 2000,
  });
  const experiment = detail.data?.kind === 'experiment' ? detail.data.experiment : initial.experiment;
  return (
    <ExperimentBody
      experiment={experiment}
      source={source}
      above={<SharedNote expiresAt={initial.expiresAt} />}
    />
  );
}
