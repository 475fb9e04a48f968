'use client';
// An answer typed into a waiting card, kept in the tab's sessionStorage until it is sent: a reload, or a
// phone's browser reloading a tab it put away while the person looked something up elsewhere, does not
// lose it. Keyed by the page and the wait (the same function can wait twice in one run), so each waiting
// card has its own; sessionStorage ends with the tab, so nothing lingers once it is closed.
import { useCallback, useState } from 'react';
import { z } from 'zod';

const draftSchema = z.object({ text: z.string(), asJson: z.boolean() });
export type AnswerDraft = z.infer<typeof draftSchema>;

const EMPTY: AnswerDraft = { text: '', asJson: false };
const storageKey = (wait: string) => `dispatch-studio.answer-draft:${window.location.pathname}:${wait}`;

function readDraft(wait: string | undefined): AnswerDraft {
  if (wait === undefined || typeof window === 'undefined') return EMPTY;
  try {
    const parsed = draftSchema.safeParse(JSON.parse(sessionStorage.getItem(storageKey(wait)) ?? 'null'));
    return parsed.success ? parsed.data : EMPTY;
  } catch {
    return EMPTY;
  }
}

function writeDraft(wait: string, draft: AnswerDraft) {
  try {
    if (draft.text === '') sessionStorage.removeItem(storageKey(wait));
    else sessionStorage.setItem(storageKey(wait), JSON.stringify(draft));
  } catch {
    // Storage full or disabled: keeping the draft is a convenience, answering still works.
  }
}

/**
 * The waiting card's answer and JSON switch, restored from and saved to the tab as they change; `forget`
 * once the answer is sent. Without a `wait` key (nothing to tell this wait from another) nothing is kept.
 */
export function useAnswerDraft(wait: string | undefined) {
  const [draft, setDraft] = useState<AnswerDraft>(() => readDraft(wait));
  const update = (change: Partial<AnswerDraft>) => {
    const next = { ...draft, ...change };
    setDraft(next);
    if (wait !== undefined) writeDraft(wait, next);
  };
  const forget = useCallback(() => {
    if (wait !== undefined) writeDraft(wait, EMPTY);
  }, [wait]);
  return { draft, update, forget };
}
