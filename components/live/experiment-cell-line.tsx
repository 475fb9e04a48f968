'use client';
// Under the title of a run made by an experiment: the way back to it, and which of its cells this run is,
// with the variant by name ("variant “Ava”"), as the experiment's own page calls it.
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { getExperiment } from '@/lib/client/experiments-api';
import { queryKeys } from '@/lib/client/keys';
import { experimentPagePath } from '@/lib/client/page-paths';
import { variantName } from '@/lib/experiments/variant-names';

interface Cell {
  experimentId: string;
  row: number;
  variant: number;
}

export function ExperimentCellLine({ cell }: { cell: Cell }) {
  const experiment = useQuery({
    queryKey: queryKeys.experiments.detail(cell.experimentId),
    queryFn: () => getExperiment(cell.experimentId),
  }).data?.experiment;
  const variant = experiment?.spec.variants[cell.variant];
  const name = variant ? `“${variantName(variant, cell.variant)}”` : String(cell.variant + 1);
  // A comparison has one input: only a batch says which row this was.
  const where = experiment?.kind === 'compare' ? `variant ${name}` : `input ${cell.row + 1}, variant ${name}`;
  return (
    <p className="text-sm">
      <Link className="underline" href={experimentPagePath(cell.experimentId)}>
        Back to its experiment
      </Link>{' '}
      <span className="text-zinc-700 dark:text-zinc-300">· {where}</span>
    </p>
  );
}
