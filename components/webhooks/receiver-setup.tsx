'use client';
// What to do when no webhook receiver is set up. Receivers are the server's settings (WEBHOOK_URL and
// WEBHOOK_SECRET, read at start), so the page gives whoever runs it the steps, each command ready to copy:
// make a signing secret, start the server with it, give the receiver the same secret.
import { useRef } from 'react';
import { CopyButton } from '@/components/ui/copy-button';

const MAKE_SECRET = `node -e "console.log('whsec_' + require('node:crypto').randomBytes(32).toString('base64'))"`;
const START = 'WEBHOOK_URL=https://example.com/hooks WEBHOOK_SECRET=whsec_… npm start';

function Command({ text, what }: { text: string; what: string }) {
  const shown = useRef<HTMLPreElement>(null);
  return (
    <div className="flex flex-wrap items-start gap-2">
      <pre
        ref={shown}
        tabIndex={-1}
        className="min-w-0 flex-1 rounded bg-zinc-100 px-2 py-1 font-mono text-xs break-all whitespace-pre-wrap dark:bg-zinc-800"
      >
        {text}
      </pre>
      <CopyButton size="sm" text={text} shownIn={shown} what={what} />
    </div>
  );
}

export function ReceiverSetup() {
  return (
    <div
      data-testid="receiver-setup"
      className="max-w-3xl space-y-2 rounded-lg border border-dashed border-zinc-300 p-4 text-sm dark:border-zinc-700"
    >
      <p>
        No receiver is set up, so no webhooks are sent. Receivers are set when the server starts; whoever runs it
        does this once:
      </p>
      <ol className="list-decimal space-y-2 pl-5">
        <li className="space-y-1">
          <p>Make a signing secret (every webhook is signed with it):</p>
          <Command text={MAKE_SECRET} what="the command" />
        </li>
        <li className="space-y-1">
          <p>
            Start the server with the receivers’ addresses (several separated by commas) and the secret, then open
            this page again:
          </p>
          <Command text={START} what="the command" />
        </li>
        <li>Give each receiver the same secret: it checks every webhook’s signature with it (Standard Webhooks).</li>
      </ol>
    </div>
  );
}
