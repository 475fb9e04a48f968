import Link from 'next/link';
import type { RunSummary } from '@/lib/runs/summary';
import { formatDateTime, formatDuration } from '@/lib/client/format';
import { RunStatusBadge } from './run-status-badge';

const HEADERS = ['Status', 'First message', 'Engine / model', 'Created', 'Duration', 'Tokens'];

export function RunsTable({ runs }: { runs: RunSummary[] }) {
  if (runs.length === 0) {
    return <p className="rounded-lg border border-dashed border-zinc-300 p-6 text-center text-sm text-zinc-500 dark:border-zinc-700">No runs yet.</p>;
  }
  return (
    <div className="overflow-x-auto rounded-lg border border-zinc-200 dark:border-zinc-800">
      <table className="w-full min-w-[640px] text-left text-sm">
        <thead className="bg-zinc-50 text-xs uppercase tracking-wide text-zinc-500 dark:bg-zinc-900">
          <tr>
            {HEADERS.map((header) => (
              <th key={header} scope="col" className="px-3 py-2 font-medium">
                {header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
          {runs.map((run) => (
            <tr key={run.channelId} data-channel-id={run.channelId} className="hover:bg-zinc-50 dark:hover:bg-zinc-900/60">
              <td className="px-3 py-2">
                <RunStatusBadge status={run.status} />
              </td>
              <td className="max-w-xs px-3 py-2">
                <Link href={`/runs/${encodeURIComponent(run.channelId)}`} className="block truncate font-medium text-indigo-700 hover:underline dark:text-indigo-300">
                  {run.title || '(no user message)'}
                </Link>
              </td>
              <td className="px-3 py-2 font-mono text-xs">{run.model && run.model !== run.engine ? `${run.engine} / ${run.model}` : run.engine}</td>
              <td className="whitespace-nowrap px-3 py-2 text-zinc-600 dark:text-zinc-400">{formatDateTime(run.createdAt)}</td>
              <td className="whitespace-nowrap px-3 py-2 tabular-nums">{formatDuration(run.durationMs)}</td>
              <td className="px-3 py-2 tabular-nums">{run.outputTokens.toLocaleString()}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
