import { humanLabel } from '@/lib/human-label';

/**
 * A function's name as written in the request ("requestApproval"), in small monospace beside the name people
 * read ("Request approval"), for the developer who looks for it in the builder or the events. Left out where
 * it would say nothing more, and on a presented page, whose audience does not write requests.
 */
export function FunctionCodeName({ name, large }: { name: string; large?: boolean }) {
  if (large || humanLabel(name) === name) return null;
  return (
    <code
      data-testid="function-code-name"
      className="font-mono text-xs font-normal break-all text-zinc-700 dark:text-zinc-300"
    >
      {name}
    </code>
  );
}
