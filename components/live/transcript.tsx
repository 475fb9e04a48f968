import { useState, type ReactNode } from 'react';
import { cn } from '@/components/ui/cn';
import { joinedText, type TranscriptItem } from '@/lib/client/channel-view';
import type { DispatchFunction } from '@/lib/dispatch/schema';
import type { SharedRequest } from '@/lib/share/share-schema';
import { MESSAGE_TYPE_WORDS, type MessageType } from '@/components/ui/plain-terms';
import { FunctionCallCard } from './function-call-card';
import { MarkdownReply } from './markdown-reply';
import { WaitingCard } from './waiting-card';

/**
 * Past this length a bubble fills its maximum width anyway; giving it that width outright spares the
 * browser measuring the whole text's one-line width (shrink-to-fit) on every frame of a growing reply.
 */
const FULL_WIDTH_FROM_CHARACTERS = 400;

interface BubbleProps {
  role: string;
  live?: boolean;
  long?: boolean;
  large?: boolean;
  children: ReactNode;
}

function Bubble({ role, live, long, large, children }: BubbleProps) {
  const fromUser = role === 'user';
  return (
    <div className={cn('flex', fromUser ? 'justify-end' : 'justify-start')}>
      <div
        data-role={role}
        className={cn(
          'max-w-[92%] rounded-lg px-3 py-2 sm:max-w-[85%]',
          large ? 'text-2xl leading-snug sm:text-3xl' : 'text-sm',
          long && 'w-[92%] sm:w-[85%]',
          fromUser
            ? 'bg-indigo-700 text-white'
            : 'bg-zinc-100 text-zinc-900 dark:bg-zinc-800 dark:text-zinc-50',
        )}
      >
        <div
          className={cn(
            'mb-0.5 font-medium',
            large ? 'text-lg' : 'text-xs',
            fromUser ? 'text-indigo-50' : 'text-zinc-700 dark:text-zinc-300',
          )}
        >
          {MESSAGE_TYPE_WORDS[role as MessageType]?.label ?? role}
          {live ? ' · writing…' : ''}
        </div>
        {children}
      </div>
    </div>
  );
}

/** The model's reasoning, folded; its text is joined only while it is open. */
function ReasoningFold({ item }: { item: Extract<TranscriptItem, { kind: 'reply' }> }) {
  const [open, setOpen] = useState(false);
  return (
    <details
      open={open}
      onToggle={(event) => setOpen(event.currentTarget.open)}
      className="rounded-md border border-zinc-200 px-3 py-1.5 text-sm dark:border-zinc-700"
    >
      <summary className="cursor-pointer pointer-coarse:py-3 text-zinc-700 dark:text-zinc-300">
        Reasoning ({item.reasoningCharacters} characters)
      </summary>
      {open ? (
        <p className="mt-1 whitespace-pre-wrap text-zinc-700 dark:text-zinc-300">
          {joinedText(item.reasoning)}
        </p>
      ) : null}
    </details>
  );
}

function ReplyItem({
  item,
  live,
  large,
}: {
  item: Extract<TranscriptItem, { kind: 'reply' }>;
  live: boolean;
  large?: boolean;
}) {
  return (
    <div className="space-y-1">
      {item.reasoningCharacters > 0 ? <ReasoningFold item={item} /> : null}
      {item.characters > 0 ? (
        <Bubble role="bot" live={live} large={large} long={item.characters > FULL_WIDTH_FROM_CHARACTERS}>
          <div data-testid="reply-text">
            <MarkdownReply blocks={item.blocks} />
          </div>
        </Bubble>
      ) : null}
    </div>
  );
}

interface EntryContext {
  live: boolean;
  /** Whether the run has not ended. */
  running: boolean;
  waitingOn?: string;
  large?: boolean;
  /** Why an answer typed in a waiting card was not sent, once the run ended. */
  unsentNote?: string;
  functionNamed: (name: string | undefined) => DispatchFunction | undefined;
  functionOnChannel: (channel: string) => DispatchFunction | undefined;
  answer?: (channel: string, message: unknown) => Promise<unknown>;
}

function TranscriptEntry({ item, context }: { item: TranscriptItem; context: EntryContext }) {
  switch (item.kind) {
    case 'reply':
      return <ReplyItem item={item} live={context.live} large={context.large} />;
    case 'call':
      return (
        <FunctionCallCard call={item.call} fn={context.functionNamed(item.call.name)} large={context.large} />
      );
    case 'wait': {
      if (item.answered) return null;
      const fn = context.functionNamed(item.call?.name) ?? context.functionOnChannel(item.channelId);
      const answer = context.answer;
      // The run ended while it waited (no answer in time, cancelled): what was asked stays, unanswered.
      // The same card stays mounted, so an answer typed but not sent is kept and shown with why.
      const stopped =
        context.waitingOn === item.channelId
          ? undefined
          : {
              asked:
                context.running || !item.call ? null : (
                  <FunctionCallCard call={{ ...item.call, seq: item.seq, result: undefined }} fn={fn} large={context.large} />
                ),
              unsentNote: context.unsentNote,
            };
      return (
        <WaitingCard
          call={item.call}
          fn={fn}
          large={context.large}
          stopped={stopped}
          draftKey={`${item.channelId}#${item.seq}`}
          answer={answer ? (message) => answer(item.channelId, message) : undefined}
        />
      );
    }
    case 'message':
      return (
        <Bubble role={item.type} large={context.large}>
          <div className="whitespace-pre-wrap break-words">{item.text}</div>
        </Bubble>
      );
  }
}

interface TranscriptProps {
  request?: SharedRequest;
  items: TranscriptItem[];
  running: boolean;
  waitingOn?: string;
  large?: boolean;
  /** Why an answer typed in a waiting card was not sent, once the run ended. */
  unsentNote?: string;
  /** Answers the run's waiting function; absent for viewers who may only watch. */
  answer?: (channel: string, message: unknown) => Promise<unknown>;
}

/** The request's messages, then what the run produced, as a conversation. */
export function Transcript({ request, items, running, waitingOn, large, unsentNote, answer }: TranscriptProps) {
  const lastReplyIndex = items.findLastIndex((item) => item.kind === 'reply');
  const functions = request?.functions ?? [];
  const base = {
    running,
    waitingOn,
    large,
    unsentNote,
    answer,
    functionNamed: (name: string | undefined) => functions.find((fn) => fn.name === name),
    functionOnChannel: (channel: string) =>
      functions.find(
        (fn) => fn.result !== undefined && 'channel' in fn.result && fn.result.channel === channel,
      ),
  };
  return (
    <section aria-label="Transcript" className={cn(large ? 'space-y-6' : 'space-y-3')}>
      {request?.messages.map((message, index) => (
        <Bubble key={`request-${index}`} role={message.type} large={large}>
          <div className="whitespace-pre-wrap break-words">{message.text}</div>
        </Bubble>
      ))}
      {items.map((item, index) => (
        <TranscriptEntry
          key={`${item.kind}-${item.seq}`}
          item={item}
          context={{ ...base, live: running && index === lastReplyIndex }}
        />
      ))}
    </section>
  );
}
