'use client';
// The moment a run waits for a function's answer, explained: which function, what it is for, the
// arguments it was called with as labelled fields, and a box to answer in plain words (sent as a
// string) or, switched to JSON, with a structured result. Presented (`large`), the room sees no JSON
// switch and no word about it: the answer is plain text.
import { useMutation } from '@tanstack/react-query';
import { useId, useRef, useState, type ReactNode } from 'react';
import { useAnswerDraft } from '@/lib/client/answer-draft';
import { Button } from '@/components/ui/button';
import { CHOICE_LABEL_CLASSES, describedBy, Field, INPUT_CLASSES } from '@/components/ui/field';
import type { DispatchFunction } from '@/lib/dispatch/schema';
import type { WaitingCall } from '@/lib/events';
import { cn } from '@/components/ui/cn';
import { humanLabel } from '@/lib/human-label';
import { notValidJson } from '@/lib/json-problem';
import { FunctionCodeName } from './function-code-name';
import { ReadableFields } from './readable-fields';
import { UnsentAnswer } from './unsent-answer';

function parseJson(text: string): { value: unknown } | { error: string } {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch (error) {
    return {
      error: `${notValidJson(text, error)}. Fix it, or switch JSON off to send plain text.`,
    };
  }
}

interface WaitingCardProps {
  call?: WaitingCall;
  fn?: DispatchFunction;
  /** Sends the answer to this run; absent when the viewer may only watch. */
  answer?: (message: unknown) => Promise<unknown>;
  /** Presented to a room: large type, and plain text only. */
  large?: boolean;
  /**
   * The run no longer waits on this call. The card stays mounted so an answer typed but not sent is kept:
   * it shows `asked` (what was asked, unanswered) and, with `unsentNote`, the typed text and why it was not sent.
   */
  stopped?: { asked: ReactNode; unsentNote?: string };
  /** Tells this wait from any other on the page (the wait's seq), so a typed answer survives a reload. */
  draftKey?: string;
}

export function WaitingCard({ call, fn, answer, large, stopped, draftKey }: WaitingCardProps) {
  const id = useId();
  // Only a viewer who can answer has a draft to keep.
  const { draft, update, forget } = useAnswerDraft(answer ? draftKey : undefined);
  // Presented there is no JSON switch: the answer is plain text, whatever the kept draft had switched on.
  const { text } = draft;
  const asJson = !large && draft.asJson;
  const [problem, setProblem] = useState<string>();
  const send = useMutation({
    mutationFn: (message: unknown) => (answer ? answer(message) : Promise.resolve()),
    onSuccess: forget,
  });
  const named = call?.name ?? fn?.name;
  const name = named ? humanLabel(named) : 'A function';

  // A problem with the answer sends the person back to the box, whose description then reads it out
  // (each press, even when the words are the same as the last time).
  const box = useRef<HTMLTextAreaElement>(null);
  const refuse = (message: string) => {
    setProblem(message);
    box.current?.focus();
  };
  const submit = () => {
    if (!asJson && text.trim() === '') return refuse('Write an answer first.');
    const parsed = asJson ? parseJson(text) : { value: text };
    if ('error' in parsed) return refuse(parsed.error);
    setProblem(undefined);
    send.mutate(parsed.value);
  };
  if (stopped) {
    const unsent = answer !== undefined && text.trim() !== '' && !send.isSuccess;
    return (
      <>
        {stopped.asked}
        {unsent && stopped.unsentNote ? <UnsentAnswer text={text} note={stopped.unsentNote} large={large} /> : null}
      </>
    );
  }
  const error = problem ?? send.error?.message;
  const hint = large
    ? undefined
    : asJson
      ? 'Sent as JSON, e.g. {"approved": true}.'
      : 'Sent as plain text. For an answer a program reads field by field, tick “Structured data (JSON)”.';

  return (
    <section
      aria-label={`${name} is waiting for an answer`}
      className={cn(
        'space-y-3 rounded-lg border-2 border-amber-400 bg-amber-50 p-4 dark:border-amber-600 dark:bg-amber-950/50',
        large ? 'text-xl sm:text-2xl' : 'text-sm',
      )}
    >
      <div>
        <div className="flex flex-wrap items-baseline gap-x-2">
          <h3 className="font-semibold break-words text-amber-950 dark:text-amber-100">
            {name} is waiting for an answer
          </h3>
          {named ? <FunctionCodeName name={named} large={large} /> : null}
        </div>
        {fn?.description ? <p className="mt-0.5 text-zinc-800 dark:text-zinc-200">{fn.description}</p> : null}
      </div>
      <ReadableFields
        value={call?.arguments}
        empty="Called without arguments."
        descriptions={fn?.parameters.properties}
      />
      {answer ? (
        <form
          aria-label="Answer the function"
          data-answer-form
          // Presented, the whole form (label, hint, box, button) is scaled up with the card's text, so it
          // reads from the back of a room; its controls keep their own sizes otherwise.
          // Presented on a wide screen, Send sits beside the box, so the question, the box and Send fit 720 px
          // without the presenter scrolling in front of the room.
          className={cn(
            'space-y-2',
            large && '[zoom:1.35] sm:flex sm:items-end sm:gap-3 sm:space-y-0 sm:[zoom:1.5]',
          )}
          onSubmit={(event) => {
            event.preventDefault();
            submit();
          }}
        >
          <Field id={id} label="Your answer" hint={hint} error={error} className={cn(large && 'sm:flex-1')}>
            <textarea
              ref={box}
              id={id}
              rows={large ? 2 : 3}
              value={text}
              onChange={(event) => update({ text: event.target.value })}
              aria-invalid={error ? true : undefined}
              aria-describedby={describedBy(id, { hint, error })}
              className={cn(INPUT_CLASSES, asJson && 'font-mono')}
            />
          </Field>
          <div className="flex flex-wrap items-center gap-3">
            <Button type="submit" variant="primary" busy={send.isPending} disabled={send.isSuccess}>
              {send.isSuccess ? 'Sent' : 'Send answer'}
            </Button>
            {large ? null : (
              <label className={cn(CHOICE_LABEL_CLASSES, 'text-zinc-800 dark:text-zinc-200')}>
                <input type="checkbox" checked={asJson} onChange={(event) => update({ asJson: event.target.checked })} />
                Structured data (JSON)
              </label>
            )}
          </div>
        </form>
      ) : (
        <p className="text-zinc-800 dark:text-zinc-200">
          The person running this demo answers it.
        </p>
      )}
    </section>
  );
}
