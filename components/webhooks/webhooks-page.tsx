'use client';
// The webhooks page, for an operator: where this server sends run notices, what it sends and how it
// retries, a test event to check a receiver now, and the newest delivery attempts across runs.
import { useMutation, useQuery } from '@tanstack/react-query';
import { Button } from '@/components/ui/button';
import { getWebhooks, sendWebhookTest } from '@/lib/client/api';
import { formatDuration } from '@/lib/client/format';
import { queryKeys } from '@/lib/client/keys';
import type { TestEventResult } from '@/lib/webhooks/test-event';
import { DeliveryAttemptsTable } from './delivery-attempts-table';

const CODE = 'rounded bg-zinc-100 px-1 font-mono text-xs dark:bg-zinc-800';

export function WebhooksPage() {
  const webhooks = useQuery({ queryKey: queryKeys.webhooks, queryFn: getWebhooks, refetchInterval: 5000 });
  const data = webhooks.data;
  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold">Webhooks</h1>
        <p className="max-w-3xl text-sm text-zinc-600 dark:text-zinc-400">
          When a run starts waiting for an answer, completes, fails or is cancelled, this server sends a signed
          POST (Standard Webhooks) to each receiver, so another system can act on it without watching the
          dashboard.
        </p>
      </div>
      {webhooks.error ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {webhooks.error.message}
        </p>
      ) : !data ? (
        <p className="text-sm text-zinc-500">Loading webhooks…</p>
      ) : (
        <>
          <Receivers receivers={data.receivers} />
          <section aria-labelledby="webhook-rules" className="space-y-1 text-sm">
            <h2 id="webhook-rules" className="font-semibold">
              What is sent
            </h2>
            <p>
              Events:{' '}
              {data.events.map((event, index) => (
                <span key={event}>
                  {index > 0 ? ', ' : null}
                  <code className={CODE}>{event}</code>
                </span>
              ))}
              .
            </p>
            <p>
              A receiver that does not answer with a 2xx status is tried again after{' '}
              {formatDuration(data.retryBaseMs)}, then after twice as long each time, {data.maxAttempts} attempts in
              all. Every attempt of one event has the same <code className={CODE}>webhook-id</code>, so a receiver
              can drop a repeat.
            </p>
          </section>
          <section aria-labelledby="webhook-recent" className="space-y-2">
            <h2 id="webhook-recent" className="text-sm font-semibold">
              Recent deliveries
            </h2>
            {data.recent.length === 0 ? (
              <p className="rounded-lg border border-dashed border-zinc-300 p-4 text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
                No deliveries yet: they show here once a run has waited or ended with a receiver set up.
              </p>
            ) : (
              <DeliveryAttemptsTable items={data.recent} showRun />
            )}
          </section>
        </>
      )}
    </div>
  );
}

function Receivers({ receivers }: { receivers: string[] }) {
  const test = useMutation({ mutationFn: sendWebhookTest });
  return (
    <section aria-labelledby="webhook-receivers" className="space-y-2">
      <h2 id="webhook-receivers" className="text-sm font-semibold">
        Receivers
      </h2>
      {receivers.length === 0 ? (
        <p className="max-w-3xl rounded-lg border border-dashed border-zinc-300 p-4 text-sm dark:border-zinc-700">
          No receiver is set up, so no webhooks are sent. To set one up, start the server with{' '}
          <code className={CODE}>WEBHOOK_URL</code> (one or more http(s) addresses, separated by commas) and{' '}
          <code className={CODE}>WEBHOOK_SECRET</code> (<code className={CODE}>whsec_…</code>, the key every
          webhook is signed with).
        </p>
      ) : (
        <>
          <ul className="space-y-1">
            {receivers.map((url) => (
              <li key={url} className="font-mono text-sm break-all">
                {url}
              </li>
            ))}
          </ul>
          <div className="flex flex-wrap items-center gap-2">
            <Button onClick={() => test.mutate()} disabled={test.isPending}>
              {test.isPending ? 'Sending…' : 'Send a test event'}
            </Button>
            <span className="text-xs text-zinc-600 dark:text-zinc-400">
              A signed <code className={CODE}>webhook.test</code> POST to each receiver, now. It is not retried.
            </span>
          </div>
          {test.error ? (
            <p role="alert" className="text-sm text-red-700 dark:text-red-300">
              {test.error.message}
            </p>
          ) : null}
          {test.data ? <TestResults results={test.data.results} /> : null}
        </>
      )}
    </section>
  );
}

function TestResults({ results }: { results: TestEventResult[] }) {
  return (
    <ul role="status" aria-label="Test event results" className="space-y-1 text-sm">
      {results.map((result) => (
        <li key={result.url} className="break-all">
          {result.error ? (
            <span className="text-red-700 dark:text-red-300">
              ✗ <span className="font-mono">{result.url}</span>: {result.error}
            </span>
          ) : (
            <span className="text-emerald-700 dark:text-emerald-300">
              ✓ <span className="font-mono">{result.url}</span> answered {result.statusCode} in{' '}
              {formatDuration(result.durationMs)}
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}
