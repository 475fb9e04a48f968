import type { ReactNode } from 'react';
import { cn } from '@/components/ui/cn';
import type { TranscriptItem } from '@/lib/client/channel-view';
import type { DispatchRequest } from '@/lib/dispatch/schema';
import { FunctionCallCard } from './function-call-card';
import { PublishResultForm } from './publish-result-form';

const ROLE_LABELS: Record<string, string> = {
  user: 'User',
  bot: 'Bot',
  reasoning: 'Reasoning',
  context: 'Context',
  instruction: 'Instruction',
  backstory: 'Backstory',
  activity: 'Activity',
  checkpoint: 'Checkpoint',
};

/**
 * Past this length a bubble fills its maximum width anyway; giving it that width outright spares the
 * browser measuring the whole text's one-line width (shrink-to-fit) on every frame of a growing reply.
 */
const FULL_WIDTH_FROM_CHARACTERS = 400;

function Bubble({ role, live, long, children }: { role: string; live?: boolean; long?: boolean; children: ReactNode }) {
  const fromUser = role === 'user';
  return (
    <div className={cn('flex', fromUser ? 'justify-end' : 'justify-start')}>
      <div
        data-role={role}
        className={cn(
          'max-w-[85%] rounded-lg px-3 py-2 text-sm',
          long && 'w-[85%]',
          fromUser ? 'bg-indigo-600 text-white' : 'bg-zinc-100 text-zinc-900 dark:bg-zinc-800 dark:text-zinc-100',
        )}
      >
        <div className={cn('mb-0.5 text-xs font-medium', fromUser ? 'text-indigo-100' : 'text-zinc-500 dark:text-zinc-400')}>
          {ROLE_LABELS[role] ?? role}
          {live ? ' · writing…' : ''}
        </div>
        <div className="whitespace-pre-wrap break-words">{children}</div>
      </div>
    </div>
  );
}

function ReplyItem({ item, live }: { item: Extract<TranscriptItem, { kind: 'reply' }>; live: boolean }) {
  return (
    <div className="space-y-1">
      {item.reasoning ? (
        <details className="rounded-md border border-zinc-200 px-3 py-1.5 text-sm dark:border-zinc-800">
          <summary className="cursor-pointer text-zinc-600 dark:text-zinc-400">Reasoning ({item.reasoning.length} characters)</summary>
          <p className="mt-1 whitespace-pre-wrap text-zinc-600 dark:text-zinc-400">{item.reasoning}</p>
        </details>
      ) : null}
      {item.text ? (
        <Bubble role="bot" live={live} long={item.text.length > FULL_WIDTH_FROM_CHARACTERS}>
          <span data-testid="reply-text">{item.text}</span>
        </Bubble>
      ) : null}
    </div>
  );
}

function TranscriptEntry({ item, live, waitingOn }: { item: TranscriptItem; live: boolean; waitingOn?: string }) {
  switch (item.kind) {
    case 'reply':
      return <ReplyItem item={item} live={live} />;
    case 'call':
      return <FunctionCallCard call={item.call} />;
    case 'wait':
      return item.answered || waitingOn !== item.channelId ? (
        <p className="text-xs text-zinc-500">Received the function result on channel {item.channelId}.</p>
      ) : (
        <PublishResultForm channel={item.channelId} />
      );
    case 'message':
      return <Bubble role={item.type}>{item.text}</Bubble>;
  }
}

interface TranscriptProps {
  request?: DispatchRequest;
  items: TranscriptItem[];
  running: boolean;
  waitingOn?: string;
}

/** The request's messages, then what the run produced, as a conversation. Everything renders as text. */
export function Transcript({ request, items, running, waitingOn }: TranscriptProps) {
  const lastReplyIndex = items.findLastIndex((item) => item.kind === 'reply');
  return (
    <section aria-label="Transcript" className="space-y-3">
      {request?.messages.map((message, index) => (
        <Bubble key={`request-${index}`} role={message.type}>
          {message.text}
        </Bubble>
      ))}
      {items.map((item, index) => (
        <TranscriptEntry key={`${item.kind}-${item.seq}`} item={item} live={running && index === lastReplyIndex} waitingOn={waitingOn} />
      ))}
    </section>
  );
}
