import type { ReactNode } from 'react';
import { cn } from './cn';

export const INPUT_CLASSES =
  'block w-full rounded-md border border-zinc-300 bg-white px-2.5 py-1.5 text-sm text-zinc-900 shadow-xs ' +
  'placeholder:text-zinc-400 focus:border-indigo-500 focus:outline-2 focus:outline-indigo-500/40 ' +
  'aria-invalid:border-red-500 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100';

/** Ids tying a control to its hint and error, so both are announced with it (aria-describedby). */
export function fieldIds(id: string) {
  return { hint: `${id}-hint`, error: `${id}-error` };
}

export function describedBy(id: string, { hint, error }: { hint?: ReactNode; error?: string }) {
  const ids = fieldIds(id);
  return [hint ? ids.hint : null, error ? ids.error : null].filter(Boolean).join(' ') || undefined;
}

interface FieldProps {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  className?: string;
  children: ReactNode;
}

/** A visible label above a control, with its hint and error below it. */
export function Field({ id, label, hint, error, className, children }: FieldProps) {
  const ids = fieldIds(id);
  return (
    <div className={cn('space-y-1', className)}>
      <label htmlFor={id} className="block text-sm font-medium text-zinc-800 dark:text-zinc-200">
        {label}
      </label>
      {children}
      {hint ? (
        <p id={ids.hint} className="text-xs text-zinc-500 dark:text-zinc-400">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={ids.error} role="alert" className="text-xs font-medium text-red-600 dark:text-red-400">
          {error}
        </p>
      ) : null}
    </div>
  );
}

interface TextAreaFieldProps extends Omit<FieldProps, 'children'> {
  value: string;
  onText(text: string): void;
  rows?: number;
  placeholder?: string;
  maxLength?: number;
}

/** A labelled text box of a few lines, tied to its hint and error. */
export function TextAreaField({ id, value, onText, rows = 2, placeholder, maxLength, ...field }: TextAreaFieldProps) {
  return (
    <Field id={id} {...field}>
      <textarea
        id={id}
        rows={rows}
        className={INPUT_CLASSES}
        value={value}
        placeholder={placeholder}
        maxLength={maxLength}
        aria-invalid={Boolean(field.error)}
        aria-describedby={describedBy(id, field)}
        onChange={(event) => onText(event.target.value)}
      />
    </Field>
  );
}
