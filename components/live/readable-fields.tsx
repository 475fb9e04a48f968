import { humanLabel } from '@/lib/human-label';

function readableValue(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  return JSON.stringify(value, null, 1).replace(/\s*\n\s*/g, ' ');
}

interface ReadableFieldsProps {
  value: unknown;
  empty: string;
  /** JSON Schema properties of the function's parameters: their descriptions become tooltips. */
  descriptions?: Record<string, unknown>;
}

/** A value as people read it: an object's fields as label/value rows, anything else as one line. */
export function ReadableFields({ value, empty, descriptions }: ReadableFieldsProps) {
  if (value === null || value === undefined) return <p>{empty}</p>;
  if (typeof value !== 'object' || Array.isArray(value))
    return <p className="break-words">{readableValue(value)}</p>;
  const entries = Object.entries(value);
  if (entries.length === 0) return <p>{empty}</p>;
  return (
    <dl className="grid grid-cols-[minmax(0,auto)_minmax(0,1fr)] gap-x-4 gap-y-0.5">
      {entries.map(([name, field]) => {
        const description = (descriptions?.[name] as { description?: unknown } | undefined)?.description;
        return (
          <div key={name} className="contents">
            <dt
              className="font-medium text-zinc-700 dark:text-zinc-300"
              title={typeof description === 'string' ? description : undefined}
            >
              {humanLabel(name)}
            </dt>
            <dd className="min-w-0 break-words">{readableValue(field)}</dd>
          </div>
        );
      })}
    </dl>
  );
}
