import type { FieldErrors } from 'react-hook-form';
import type { BuilderForm } from '@/lib/client/builder-form';
import { fieldIdOf } from './form-fields';

/** Every error of the form as [field name, message], depth first. */
export function flattenErrors(errors: FieldErrors<BuilderForm>, prefix = ''): [string, string][] {
  const found: [string, string][] = [];
  for (const [key, value] of Object.entries(errors as Record<string, unknown>)) {
    if (!value || typeof value !== 'object' || key === 'ref') continue;
    const name = prefix ? `${prefix}.${key}` : key;
    const message = (value as { message?: unknown }).message;
    if (typeof message === 'string') found.push([name, message]);
    found.push(...flattenErrors(value as FieldErrors<BuilderForm>, name));
  }
  return found;
}

/** A summary near the Dispatch button; each entry links to the field that has the problem. */
export function ErrorSummary({ errors }: { errors: [string, string][] }) {
  if (errors.length === 0) return null;
  return (
    <div role="alert" aria-labelledby="error-summary-heading" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm dark:border-red-900 dark:bg-red-950/50">
      <h2 id="error-summary-heading" className="font-semibold text-red-800 dark:text-red-200">
        {errors.length === 1 ? 'One problem to fix' : `${errors.length} problems to fix`} before dispatching
      </h2>
      <ul className="mt-1 list-disc space-y-0.5 pl-5 text-red-700 dark:text-red-300">
        {errors.map(([name, message]) => (
          <li key={name}>
            <a
              href={`#${fieldIdOf(name)}`}
              className="underline"
              onClick={(event) => {
                const target = document.getElementById(fieldIdOf(name));
                if (!target) return;
                event.preventDefault();
                target.closest('details')?.setAttribute('open', '');
                target.focus();
              }}
            >
              {name}
            </a>
            : {message}
          </li>
        ))}
      </ul>
    </div>
  );
}
