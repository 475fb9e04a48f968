import type { ReactNode } from 'react';
import { cn } from './cn';

// On a touch screen every control is a finger's size (44 px tall), as buttons are (components/ui/button.tsx).
// Focused, a box has a solid ring (at least 3:1 against the page in either theme); a faded one read 1.9:1.
export const INPUT_CLASSES =
  'block w-full rounded-md border border-zinc-300 bg-white px-2.5 py-1.5 text-sm text-zinc-900 shadow-xs ' +
  'placeholder:text-zinc-400 focus:border-indigo-500 focus:outline-2 focus:outline-indigo-500 ' +
  'aria-invalid:border-red-500 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100 pointer-coarse:min-h-11';

/** A checkbox or radio with its words, all inside one <label>: the whole line is the tap target. */
export const CHOICE_LABEL_CLASSES = 'flex items-center gap-2 text-sm pointer-coarse:min-h-11';

/** A file picker whose button looks like one, and is a finger's size on a touch screen. */
export const FILE_INPUT_CLASSES =
  'block w-full text-sm file:mr-3 file:rounded-md file:border-0 file:bg-zinc-100 file:px-3 file:py-1.5 file:text-sm ' +
  'dark:file:bg-zinc-800 dark:file:text-zinc-100 pointer-coarse:min-h-11 pointer-coarse:file:min-h-11';

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
