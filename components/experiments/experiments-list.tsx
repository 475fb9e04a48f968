'use client';
// /experiments: every experiment of the signed-in owner, newest first.
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { buttonClasses } from '@/components/ui/button';
import { listExperiments, type ExperimentView } from '@/lib/client/experiments-api';
import { formatDateTime } from '@/lib/client/format';
import { queryKeys } from '@/lib/client/keys';
import { experimentPagePath } from '@/lib/client/page-paths';
import { ExperimentStatusBadge } from './experiment-status';

// On a phone the table keeps Name and Status; kind, size and when it started go under the name, so the
// status badge keeps its one line and the row still fits 390 px.
const WIDE_ONLY = 'hidden sm:table-cell';

const sizeOf = (item: ExperimentView) => {
  const variants = `${item.spec.variants.length} variants`;
  if (item.kind !== 'batch') return variants;
  return `${item.rowCount.toLocaleString()} ${item.rowCount === 1 ? 'input' : 'inputs'} × ${variants}`;
};

export function ExperimentsList() {
  const list = useQuery({
    queryKey: queryKeys.experiments.list,
    queryFn: listExperiments,
    refetchInterval: (query) =>
      query.state.data?.items.some((item) => item.status === 'running') ? 2_000 : false,
  });
  const items = list.data?.items ?? [];
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">Experiments</h1>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            Compare answers side by side, or run a conversation over a file of inputs.
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          <Link href="/experiments/new?kind=compare" className={buttonClasses({ variant: 'primary' })}>
            New comparison
          </Link>
          <Link href="/experiments/new?kind=batch" className={buttonClasses()}>
            New batch
          </Link>
        </div>
      </div>
      {list.isError ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          Could not load the experiments: {list.error.message}
        </p>
      ) : null}
      {list.isSuccess && items.length === 0 ? (
        <div className="max-w-prose space-y-2 text-sm text-zinc-600 dark:text-zinc-400" data-testid="no-experiments">
          <p>No experiments yet. Two ways to start one:</p>
          <ul className="list-disc space-y-1 pl-5">
            <li>
              <strong className="font-medium text-zinc-900 dark:text-zinc-100">A comparison</strong> asks 2–4 models
              or backstories the same question and shows their answers side by side.
            </li>
            <li>
              <strong className="font-medium text-zinc-900 dark:text-zinc-100">A batch</strong> sends a message to
              every row of a CSV or JSONL file and fills a grid with the answers.
            </li>
          </ul>
        </div>
      ) : null}
      {items.length > 0 ? (
        <div className="overflow-x-auto">
          <table className="min-w-full text-left text-sm">
            <thead className="border-b border-zinc-200 text-xs text-zinc-500 dark:border-zinc-800">
              <tr>
                <th scope="col" className="py-2 pr-3 font-medium">
                  Name
                </th>
                <th scope="col" className="py-2 pr-3 font-medium">
                  Status
                </th>
                <th scope="col" className={`${WIDE_ONLY} py-2 pr-3 font-medium`}>
                  Kind
                </th>
                <th scope="col" className={`${WIDE_ONLY} py-2 pr-3 font-medium`}>
                  Size
                </th>
                <th scope="col" className={`${WIDE_ONLY} py-2 pr-3 font-medium`}>
                  Started
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={item.id} className="border-b border-zinc-100 dark:border-zinc-800/60">
                  <td className="max-w-96 py-2 pr-3">
                    <Link
                      className="font-medium [overflow-wrap:anywhere] underline-offset-2 hover:underline"
                      href={experimentPagePath(item.id)}
                    >
                      {item.name}
                    </Link>
                    {item.bestVariant !== undefined && item.spec.variants[item.bestVariant] ? (
                      <span className="block text-xs text-emerald-800 dark:text-emerald-300" data-testid="best-answer">
                        Best answer: {item.spec.variants[item.bestVariant].label}
                      </span>
                    ) : null}
                    <span className="block text-xs text-zinc-600 sm:hidden dark:text-zinc-400">
                      {item.kind === 'batch' ? 'Batch' : 'Compare'} · {sizeOf(item)}
                    </span>
                    <span className="block text-xs text-zinc-600 sm:hidden dark:text-zinc-400">
                      Started {formatDateTime(item.createdAt)}
                    </span>
                  </td>
                  <td className="py-2 pr-3">
                    <ExperimentStatusBadge experiment={item} />
                  </td>
                  <td className={`${WIDE_ONLY} py-2 pr-3`}>{item.kind === 'batch' ? 'Batch' : 'Compare'}</td>
                  <td className={`${WIDE_ONLY} py-2 pr-3 whitespace-nowrap tabular-nums`}>
                    {sizeOf(item)}
                  </td>
                  <td className={`${WIDE_ONLY} py-2 pr-3 whitespace-nowrap`}>
                    {formatDateTime(item.createdAt)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
