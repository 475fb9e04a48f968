import type { DispatchRequest } from '@/lib/dispatch/schema';

/** Exactly the JSON body the Dispatch button sends; long values wrap, so nothing is cut at any width. */
export function JsonPreview({ request }: { request: DispatchRequest }) {
  return (
    <section aria-labelledby="preview-heading" className="rounded-lg border border-zinc-200 dark:border-zinc-800">
      <h2 id="preview-heading" className="border-b border-zinc-200 px-3 py-2 text-sm font-semibold dark:border-zinc-800">
        Request preview
      </h2>
      <pre data-testid="json-preview" className="max-h-[28rem] overflow-auto p-3 font-mono text-xs leading-relaxed whitespace-pre-wrap [overflow-wrap:anywhere]">
        {JSON.stringify(request, null, 2)}
      </pre>
    </section>
  );
}
