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
  /**
   * Stored times (server clock, epoch ms) of the run's first event, first token, latest event and end,
   * when it last began to wait for an answer, and how long it waited for answers before its first token
   * (a person's time, not the model's).
   */
  times: {
    begin?: number;
    firstToken?: number;
    latest?: number;
    end?: number;
    waitBegin?: number;
    answerWaitBeforeFirstTokenMs?: number;
  };
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

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/**
 * How many words a token starts, given whether the text before it ended inside a word already counted.
 * A word is a run between spaces with a letter or digit in it: a table's pipes and rules, a list's dash
 * or a lone emoji are not words.
 */
export function countWordStarts(token: string, inWord: boolean): { starts: number; inWord: boolean } {
  let starts = 0;
  let counted = inWord;
  for (const character of token) {
    if (character === ' ' || character === '\n' || character === '\t' || character === '\r') counted = false;
    else if (!counted && LETTER_OR_DIGIT.test(character)) {
      starts += 1;
      counted = true;
    }
  }
  return { starts, inWord: counted };
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

type ReplyItem = Extract<TranscriptItem, { kind: 'reply' }>;

/**
 * The view being built from one batch: a copy made once per batch and then changed in place, so a
 * token costs no copies of the view (the previous view is never changed). `ownReply` is the reply
 * item this batch already copied.
 */
interface Draft {
  view: ChannelView;
  ownReply?: ReplyItem;
}

const newReply = (seq: number): ReplyItem => ({
  kind: 'reply',
  seq,
  text: emptyList(),
  characters: 0,
  blocks: emptyReplyBlocks(),
  reasoning: emptyList(),
  reasoningCharacters: 0,
  tokens: 0,
});

/** Appends streamed text to the reply being written, starting a new reply segment if needed. */
function appendToReply(draft: Draft, seq: number, field: 'text' | 'reasoning', token: string): void {
  const { items } = draft.view;
  let reply = draft.ownReply;
  if (!reply || items[items.length - 1] !== reply) {
    const last = items[items.length - 1];
    reply = last?.kind === 'reply' ? { ...last } : newReply(seq);
    if (last?.kind === 'reply') items[items.length - 1] = reply;
    else items.push(reply);
    draft.ownReply = reply;
  }
  if (field === 'text') {
    reply.text = appendToList(reply.text, [token]);
    reply.characters += token.length;
    reply.blocks = appendReplyText(reply.blocks, token);
    reply.tokens += 1;
  } else {
    reply.reasoning = appendToList(reply.reasoning, [token]);
    reply.reasoningCharacters += token.length;
  }
}

function foldEvent(draft: Draft, seq: number, event: ChannelEvent): void {
  const { view } = draft;
  const { items } = view;
  switch (event.type) {
    case 'token': {
      appendToReply(draft, seq, 'text', event.data.token);
      const words = countWordStarts(event.data.token, view.inWord);
      view.tokenCount += 1;
      view.wordCount += words.starts;
      view.inWord = words.inWord;
      return;
    }
    case 'reasoningToken':
      appendToReply(draft, seq, 'reasoning', event.data.token);
      return;
    case 'message': {
      const { type, text, meta } = event.data;
      const call = type === 'activity' ? callFromMeta(seq, meta) : undefined;
      if (call) items.push({ kind: 'call', seq, call });
      // A bot message repeats the streamed reply: show it only when no tokens were streamed for it.
      else if (type !== 'bot' || items[items.length - 1]?.kind !== 'reply')
        items.push({ kind: 'message', seq, type, text, meta });
      view.records = [...view.records, ...recordsFromMeta(meta)];
      return;
    }
    case 'waitForChannelMessageBegin':
      items.push({
        kind: 'wait',
        seq,
        channelId: event.data.channelId,
        answered: false,
        call: event.data.function,
      });
      view.waitingOn = event.data.channelId;
      return;
    case 'waitForChannelMessageEnd': {
      const index = items.findLastIndex((item) => item.kind === 'wait' && !item.answered);
      if (index >= 0)
        items[index] = { ...(items[index] as Extract<TranscriptItem, { kind: 'wait' }>), answered: true };
      view.waitingOn = undefined;
      return;
    }
    case 'usage':
      view.usage = event.data;
      return;
    case 'result':
      view.result = { text: event.data.text, end: event.data.end };
      return;
    case 'error':
      view.error = event.data.message;
      view.waitingOn = undefined;
      return;
    case 'abort':
      view.abortReason = event.data.reason ?? 'aborted';
      view.waitingOn = undefined;
      return;
    case 'completeEnd':
      view.ended = true;
      view.waitingOn = undefined;
      return;
  }
}

function noteTime(times: ChannelView['times'], stored: StoredEvent): void {
  const type = stored.event.type;
  if (type === 'completeBegin') times.begin ??= stored.at;
  if (type === 'token') times.firstToken ??= stored.at;
  if (type === 'completeEnd') times.end = stored.at;
  if (type === 'waitForChannelMessageBegin') times.waitBegin = stored.at;
  if (type === 'waitForChannelMessageEnd' && times.firstToken === undefined && times.waitBegin !== undefined) {
    times.answerWaitBeforeFirstTokenMs = (times.answerWaitBeforeFirstTokenMs ?? 0) + (stored.at - times.waitBegin);
  }
  times.latest = stored.at;
}

/** Folds events in seq order; events at or before `view.lastSeq` are ignored, so a replay never duplicates. */
export function foldChannelEvents(view: ChannelView, events: readonly StoredEvent[]): ChannelView {
  const fresh = events.filter((stored) => stored.seq > view.lastSeq);
  if (fresh.length === 0) return view;
  const draft: Draft = { view: { ...view, items: [...view.items], times: { ...view.times } } };
  for (const stored of fresh) {
    foldEvent(draft, stored.seq, stored.event);
    noteTime(draft.view.times, stored);
  }
  draft.view.lastSeq = fresh[fresh.length - 1].seq;
  return draft.view;
}
