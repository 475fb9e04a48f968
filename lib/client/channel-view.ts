// Folds a channel's stored events into what the live view shows: a transcript that grows token by
// token, function-call cards, retrieved records, usage and the end. Pure, so it is tested without a
// browser and the hook can apply a whole animation frame's worth of events in one step.
import type { ChannelEvent, EndReason, StoredEvent, WaitingCall } from '../events';
import { appendToList, emptyList, listToArray, type AppendOnlyList } from './append-only-list';
import { appendReplyText, emptyReplyBlocks, type ReplyBlocks } from './markdown-blocks';

export interface FunctionCallCard {
  seq: number;
  name: string;
  arguments: unknown;
  result: unknown;
}

export interface DatasetRecordUsed {
  text: string;
  dataset?: string;
  score?: number;
}

export type TranscriptItem =
  | {
      kind: 'reply';
      seq: number;
      /** The reply's tokens, never joined per frame (replyTextOf joins them: what Continue carries on). */
      text: AppendOnlyList<string>;
      characters: number;
      /** The same text as finished Markdown pieces and the block being written: what the page renders. */
      blocks: ReplyBlocks;
      reasoning: AppendOnlyList<string>;
      reasoningCharacters: number;
      tokens: number;
    }
  | { kind: 'message'; seq: number; type: string; text: string; meta?: Record<string, unknown> }
  | { kind: 'call'; seq: number; call: FunctionCallCard }
  | { kind: 'wait'; seq: number; channelId: string; answered: boolean; call?: WaitingCall };

export interface ChannelView {
  /** The last seq folded in; a resumed subscription asks for events after it. */
  lastSeq: number;
  items: TranscriptItem[];
  records: DatasetRecordUsed[];
  usage?: { model: string; inputTokensUsed: number; outputTokensUsed: number };
  result?: { text: string; end: { reason: EndReason } };
  error?: string;
  abortReason?: string;
  /** The channel a run is waiting on for a function result, while it waits. */
  waitingOn?: string;
  ended: boolean;
  tokenCount: number;
  /** Words of the reply so far, counted as tokens arrive (never by re-reading the whole text). */
  wordCount: number;
  /** Whether the reply so far ends inside a word (a next token without leading space continues it). */
  inWord: boolean;
  /** Stored times (server clock, epoch ms) of the run's first event, first token, latest event and end. */
  times: { begin?: number; firstToken?: number; latest?: number; end?: number };
}

export const EMPTY_CHANNEL_VIEW: ChannelView = {
  lastSeq: 0,
  items: [],
  records: [],
  ended: false,
  tokenCount: 0,
  wordCount: 0,
  inWord: false,
  times: {},
};

/** How many words a token starts, given whether the text before it ended inside a word. */
export function countWordStarts(token: string, inWord: boolean): { starts: number; inWord: boolean } {
  let starts = 0;
  let within = inWord;
  for (const character of token) {
    const space = character === ' ' || character === '\n' || character === '\t' || character === '\r';
    if (!space && !within) starts += 1;
    within = !space;
  }
  return { starts, inWord: within };
}

/** Streamed text kept as its tokens, joined: for reading on demand, never per frame. */
export const joinedText = (tokens: AppendOnlyList<string>) => listToArray(tokens).join('');

/** The text the bot replied, across every reply segment (what "Continue" carries on from). */
export function replyTextOf(view: ChannelView): string {
  if (view.result) return view.result.text;
  return view.items
    .filter((item): item is Extract<TranscriptItem, { kind: 'reply' }> => item.kind === 'reply')
    .map((item) => joinedText(item.text))
    .join('');
}

function recordsFromMeta(meta: Record<string, unknown> | undefined): DatasetRecordUsed[] {
  const records = meta?.records;
  if (!Array.isArray(records)) return [];
  return records
    .filter((record): record is Record<string, unknown> => typeof record === 'object' && record !== null)
    .map((record) => ({
      text: String(record.text ?? ''),
      dataset: typeof record.dataset === 'string' ? record.dataset : undefined,
      score: typeof record.score === 'number' ? record.score : undefined,
    }));
}

function callFromMeta(seq: number, meta: Record<string, unknown> | undefined): FunctionCallCard | undefined {
  const fn = meta?.function as Record<string, unknown> | undefined;
  if (!fn || typeof fn.name !== 'string') return undefined;
  return { seq, name: fn.name, arguments: fn.arguments, result: fn.result };
}

/** Appends streamed text to the reply being written, starting a new reply segment if needed. */
function appendToReply(
  items: TranscriptItem[],
  seq: number,
  field: 'text' | 'reasoning',
  token: string,
): void {
  const last = items[items.length - 1];
  const reply: Extract<TranscriptItem, { kind: 'reply' }> =
    last?.kind === 'reply'
      ? last
      : {
          kind: 'reply',
          seq,
          text: emptyList(),
          characters: 0,
          blocks: emptyReplyBlocks(),
          reasoning: emptyList(),
          reasoningCharacters: 0,
          tokens: 0,
        };
  const grown =
    field === 'text'
      ? {
          ...reply,
          text: appendToList(reply.text, [token]),
          characters: reply.characters + token.length,
          blocks: appendReplyText(reply.blocks, token),
          tokens: reply.tokens + 1,
        }
      : {
          ...reply,
          reasoning: appendToList(reply.reasoning, [token]),
          reasoningCharacters: reply.reasoningCharacters + token.length,
        };
  if (reply === last) items[items.length - 1] = grown;
  else items.push(grown);
}

function foldEvent(
  view: ChannelView,
  items: TranscriptItem[],
  seq: number,
  event: ChannelEvent,
): ChannelView {
  switch (event.type) {
    case 'token': {
      appendToReply(items, seq, 'text', event.data.token);
      const words = countWordStarts(event.data.token, view.inWord);
      return {
        ...view,
        tokenCount: view.tokenCount + 1,
        wordCount: view.wordCount + words.starts,
        inWord: words.inWord,
      };
    }
    case 'reasoningToken':
      appendToReply(items, seq, 'reasoning', event.data.token);
      return view;
    case 'message': {
      const { type, text, meta } = event.data;
      const call = type === 'activity' ? callFromMeta(seq, meta) : undefined;
      if (call) items.push({ kind: 'call', seq, call });
      // A bot message repeats the streamed reply: show it only when no tokens were streamed for it.
      else if (type !== 'bot' || items[items.length - 1]?.kind !== 'reply')
        items.push({ kind: 'message', seq, type, text, meta });
      return { ...view, records: [...view.records, ...recordsFromMeta(meta)] };
    }
    case 'waitForChannelMessageBegin':
      items.push({
        kind: 'wait',
        seq,
        channelId: event.data.channelId,
        answered: false,
        call: event.data.function,
      });
      return { ...view, waitingOn: event.data.channelId };
    case 'waitForChannelMessageEnd': {
      const index = items.findLastIndex((item) => item.kind === 'wait' && !item.answered);
      if (index >= 0)
        items[index] = { ...(items[index] as Extract<TranscriptItem, { kind: 'wait' }>), answered: true };
      return { ...view, waitingOn: undefined };
    }
    case 'usage':
      return { ...view, usage: event.data };
    case 'result':
      return { ...view, result: { text: event.data.text, end: event.data.end } };
    case 'error':
      return { ...view, error: event.data.message, waitingOn: undefined };
    case 'abort':
      return { ...view, abortReason: event.data.reason ?? 'aborted', waitingOn: undefined };
    case 'completeEnd':
      return { ...view, ended: true, waitingOn: undefined };
    default:
      return view;
  }
}

function withTimes(view: ChannelView, stored: StoredEvent): ChannelView {
  const { times } = view;
  const type = stored.event.type;
  return {
    ...view,
    times: {
      begin: times.begin ?? (type === 'completeBegin' ? stored.at : undefined),
      firstToken: times.firstToken ?? (type === 'token' ? stored.at : undefined),
      latest: stored.at,
      end: type === 'completeEnd' ? stored.at : times.end,
    },
  };
}

/** Folds events in seq order; events at or before `view.lastSeq` are ignored, so a replay never duplicates. */
export function foldChannelEvents(view: ChannelView, events: readonly StoredEvent[]): ChannelView {
  const fresh = events.filter((stored) => stored.seq > view.lastSeq);
  if (fresh.length === 0) return view;
  const items = [...view.items];
  let next = view;
  for (const stored of fresh) next = withTimes(foldEvent(next, items, stored.seq, stored.event), stored);
  return { ...next, items, lastSeq: fresh[fresh.length - 1].seq };
}
