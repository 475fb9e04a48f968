import type { FunctionCallCard as Call } from '@/lib/client/channel-view';
import { formatJson } from '@/lib/client/format';

export function FunctionCallCard({ call }: { call: Call }) {
  return (
    <article
      aria-label={`Function call ${call.name}`}
      className="rounded-lg border border-violet-200 bg-violet-50 p-3 text-sm dark:border-violet-900 dark:bg-violet-950/40"
    >
      <h3 className="font-mono font-semibold text-violet-900 dark:text-violet-200">ƒ {call.name}</h3>
      <dl className="mt-2 grid gap-2 sm:grid-cols-2">
        <div>
          <dt className="text-xs font-medium uppercase tracking-wide text-zinc-500">Arguments</dt>
          <dd>
            <pre className="mt-1 overflow-x-auto whitespace-pre-wrap break-words text-xs">{formatJson(call.arguments)}</pre>
          </dd>
        </div>
        <div>
          <dt className="text-xs font-medium uppercase tracking-wide text-zinc-500">Result</dt>
          <dd>
            <pre className="mt-1 overflow-x-auto whitespace-pre-wrap break-words text-xs">{formatJson(call.result)}</pre>
          </dd>
        </div>
      </dl>
    </article>
  );
}
