'use client';
// "Cancel all": stops an experiment whose runs have not all ended — a batch's inputs not yet sent and
// runs in flight, or a comparison's runs (one waiting for an answer can wait a long time).
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button } from '@/components/ui/button';
import { cancelExperiment } from '@/lib/client/experiments-api';
import { queryKeys } from '@/lib/client/keys';

export function useCancelExperiment(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => cancelExperiment(id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.experiments.detail(id) }),
  });
}

export function CancelAllButton({ cancel }: { cancel: ReturnType<typeof useCancelExperiment> }) {
  return (
    <Button variant="danger" onClick={() => cancel.mutate()} disabled={cancel.isPending}>
      Cancel all
    </Button>
  );
}
