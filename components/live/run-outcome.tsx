import type { ChannelView } from '@/lib/client/channel-view';
import { plainRunError } from '@/lib/client/run-story';

/** Why the model stopped (the result's end reason), in words; an unknown reason is shown as it came. */
const ENDINGS: Record<string, string> = {
  stop: 'the answer was complete',
  length: 'it reached the length limit',
  content_filter: 'a content filter stopped it',
  tool_calls: 'it called a function',
  function_call: 'it called a function',
};

/** The error in plain words; a well-known one keeps its exact message (which names settings and channels) folded away. */
export function RunError({ message }: { message: string }) {
  const plain = plainRunError(message);
  return (
    <div role="alert" className="rounded-md bg-red-50 px-3 py-2 text-red-800 dark:bg-red-950/60 dark:text-red-200">
      <p>
        <span className="font-semibold">Error:</span> {plain.text}
      </p>
      {plain.known ? (
        <details className="mt-1">
          <summary className="cursor-pointer text-xs pointer-coarse:py-3.5">Exact message</summary>
          <p className="mt-1 font-mono text-xs break-words">{message}</p>
        </details>
      ) : null}
    </div>
  );
}

/** Usage, end reason, error or cancellation, and the dataset records the reply used. */
export function RunOutcome({ view }: { view: ChannelView }) {
  return (
    <div className="space-y-3 text-sm">
      {view.error ? <RunError message={view.error} /> : null}
      {view.abortReason ? (
        <p className="rounded-md bg-zinc-100 px-3 py-2 dark:bg-zinc-800">
          <span className="font-semibold">Stopped:</span> {view.abortReason}
        </p>
      ) : null}
      {view.usage || view.result ? (
        <dl className="flex flex-wrap gap-x-6 gap-y-1" data-testid="run-usage">
          {view.usage ? (
            <>
              <div className="flex gap-1.5">
                <dt className="text-zinc-500">Model</dt>
                <dd className="font-medium">{view.usage.model}</dd>
              </div>
              <div className="flex gap-1.5">
                <dt className="text-zinc-500">Text pieces read</dt>
                <dd className="font-medium tabular-nums">{view.usage.inputTokensUsed}</dd>
              </div>
              <div className="flex gap-1.5">
                <dt className="text-zinc-500">Text pieces written</dt>
                <dd className="font-medium tabular-nums">{view.usage.outputTokensUsed}</dd>
              </div>
            </>
          ) : null}
          {view.result ? (
            <div className="flex gap-1.5">
              <dt className="text-zinc-500">Ended</dt>
              <dd className="font-medium" data-testid="end-reason" data-reason={view.result.end.reason}>
                {ENDINGS[view.result.end.reason] ?? view.result.end.reason}
              </dd>
            </div>
          ) : null}
        </dl>
      ) : null}
      {view.records.length > 0 ? (
        <section aria-labelledby="records-heading">
          <h2 id="records-heading" className="font-semibold">
            Dataset records used
          </h2>
          <ol className="mt-1 space-y-1">
            {view.records.map((record, index) => (
              <li key={index} className="rounded-md border border-zinc-200 px-3 py-1.5 dark:border-zinc-800">
                {record.dataset ? <span className="text-xs text-zinc-500">{record.dataset} · </span> : null}
                {record.text}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </div>
  );
}
