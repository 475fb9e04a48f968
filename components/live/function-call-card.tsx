import type { FunctionCallCard as Call } from '@/lib/client/channel-view';
import type { DispatchFunction } from '@/lib/dispatch/schema';
import { cn } from '@/components/ui/cn';
import { humanLabel } from '@/lib/human-label';
import { FunctionCodeName } from './function-code-name';
import { ReadableFields } from './readable-fields';

/** A function call that got its answer: what was asked and what came back, as labelled fields. */
export function FunctionCallCard({
  call,
  fn,
  large,
}: {
  call: Call;
  fn?: DispatchFunction;
  large?: boolean;
}) {
  const name = humanLabel(call.name);
  return (
    <article
      aria-label={`Function call ${name}`}
      className={cn(
        'rounded-lg border border-violet-200 bg-violet-50 p-3 dark:border-violet-800 dark:bg-violet-950/50',
        large ? 'text-xl sm:text-2xl' : 'text-sm',
      )}
    >
      <div className="flex flex-wrap items-baseline gap-x-2">
        <h3 className="font-semibold break-words text-violet-900 dark:text-violet-100">
          {/* Said in a word, not a symbol ("ƒ"): the audience of a presented run is not made of programmers. */}
          <span className="font-normal text-violet-800 dark:text-violet-200">Function</span> {name}
        </h3>
        <FunctionCodeName name={call.name} large={large} />
      </div>
      {fn?.description ? <p className="text-zinc-700 dark:text-zinc-300">{fn.description}</p> : null}
      <div className="mt-2 grid gap-3 sm:grid-cols-2">
        <section aria-label="Arguments">
          <h4
            className={cn(
              'font-semibold uppercase tracking-wide text-zinc-700 dark:text-zinc-300',
              large ? 'text-lg' : 'text-xs',
            )}
          >
            Asked with
          </h4>
          <ReadableFields
            value={call.arguments}
            empty="No arguments"
            descriptions={fn?.parameters.properties}
          />
        </section>
        <section aria-label="Result">
          <h4
            className={cn(
              'font-semibold uppercase tracking-wide text-zinc-700 dark:text-zinc-300',
              large ? 'text-lg' : 'text-xs',
            )}
          >
            Answer
          </h4>
          <ReadableFields value={call.result} empty="No answer" />
        </section>
      </div>
    </article>
  );
}
