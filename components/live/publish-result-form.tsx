'use client';
import { useMutation } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Button } from '@/components/ui/button';
import { describedBy, Field, INPUT_CLASSES } from '@/components/ui/field';
import { publishToChannel } from '@/lib/client/api';

function parseJson(text: string): { value: unknown } | { error: string } {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch (error) {
    return { error: `Not valid JSON: ${(error as Error).message}` };
  }
}

/** Shown while a run waits for a function result on a channel: sends the result there. */
export function PublishResultForm({ channel }: { channel: string }) {
  const id = useId();
  const [text, setText] = useState('{\n  "status": "ok"\n}');
  const [problem, setProblem] = useState<string>();
  const publish = useMutation({ mutationFn: (message: unknown) => publishToChannel(channel, message) });

  const send = () => {
    const parsed = parseJson(text);
    if ('error' in parsed) return setProblem(parsed.error);
    setProblem(undefined);
    publish.mutate(parsed.value);
  };
  const error = problem ?? publish.error?.message;
  const hint = (
    <>
      The run is waiting for a message on channel <code className="font-mono">{channel}</code>.
    </>
  );

  return (
    <form
      aria-label="Send the function result"
      className="space-y-2 rounded-lg border border-amber-300 bg-amber-50 p-3 dark:border-amber-800 dark:bg-amber-950/40"
      onSubmit={(event) => {
        event.preventDefault();
        send();
      }}
    >
      <Field id={id} label="Function result (JSON)" hint={hint} error={error}>
        <textarea
          id={id}
          rows={4}
          value={text}
          onChange={(event) => setText(event.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(id, { hint, error })}
          className={`${INPUT_CLASSES} font-mono`}
        />
      </Field>
      <Button type="submit" variant="primary" disabled={publish.isPending || publish.isSuccess}>
        {publish.isSuccess ? 'Sent' : 'Send result'}
      </Button>
    </form>
  );
}
