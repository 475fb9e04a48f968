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
import { ReceiverSetup } from './receiver-setup';

const CODE = 'rounded bg-zinc-100 px-1 font-mono text-xs dark:bg-zinc-800';

/** Each event in words, before its name as a receiver's program sees it. */
const EVENT_WORDS: Record<string, string> = {
  'run.waiting': 'A run starts waiting for an answer',
  'run.completed': 'A run completes',
  'run.failed': 'A run fails',
  'run.cancelled': 'A run is cancelled',
};

export function WebhooksPage() {
  const webhooks = useQuery({ queryKey: queryKeys.webhooks, queryFn: getWebhooks, refetchInterval: 5000 });
  const data = webhooks.data;
  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold">Webhooks</h1>
        <p className="max-w-3xl text-sm text-zinc-600 dark:text-zinc-400">
          When a run starts waiting for an answer, completes, fails or is cancelled, this server sends a message (a
          webhook) to each receiver address, so another system can act on it without anyone watching the
          dashboard. Each message is signed with the server’s webhook secret, so a receiver can check that it
          came from here (the Standard Webhooks format).
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
          <section aria-labelledby="webhook-rules" className="max-w-3xl space-y-1 text-sm">
            <h2 id="webhook-rules" className="font-semibold">
              What is sent
            </h2>
            <ul className="list-disc space-y-0.5 pl-5">
              {data.events.map((event) => (
                <li key={event}>
                  {EVENT_WORDS[event] ?? 'An event'} <code className={CODE}>{event}</code>
                </li>
              ))}
            </ul>
            <p>
              If a receiver does not confirm it got a message (by answering with any 2xx status), the message is sent
              again after {formatDuration(data.retryBaseMs)}, then after twice as long each time, {data.maxAttempts}{' '}
              attempts in all. Every attempt of one message carries the same id (the{' '}
              <code className={CODE}>webhook-id</code> header), so a receiver can ignore a repeat.
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
        <ReceiverSetup />
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
            <Button onClick={() => test.mutate()} busy={test.isPending}>
              {test.isPending ? 'Sending…' : 'Send a test event'}
            </Button>
            <span className="text-xs text-zinc-600 dark:text-zinc-400">
              Sends a signed test message (<code className={CODE}>webhook.test</code>) to each receiver now; it is
              not sent again if it fails.
            </span>
          </div>
          {test.error ? (
            <p role="alert" className="text-sm text-red-700 dark:text-red-300">
              {test.error.message}
            </p>
          ) : null}
          {/* On the page from the start, so what each press brings is read out (a live region added with its
              words already in it is often not); emptied while sending, so the same answer again is read too. */}
          <div role="status" aria-label="Test event results">
            {test.data && !test.isPending ? <TestResults results={test.data.results} /> : null}
          </div>
        </>
      )}
    </section>
  );
}

function TestResults({ results }: { results: TestEventResult[] }) {
  return (
    <ul className="space-y-1 text-sm">
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
