'use client';
// Form controls bound to the builder form by a typed field name: a visible label, and the field's
// problem beside it, tied with aria-describedby.
import type { ReactNode } from 'react';
import { useFormContext, type Path } from 'react-hook-form';
import { cn } from '@/components/ui/cn';
import { CHOICE_LABEL_CLASSES, describedBy, Field, INPUT_CLASSES } from '@/components/ui/field';
import { fieldIdOf } from '@/lib/client/builder-fields';
import type { BuilderForm } from '@/lib/client/builder-form';
import { useBuilderProblems, useFieldProblem } from './builder-problems';

export type FieldName = Path<BuilderForm>;

/**
 * register() for a field, also telling the problems context when the person changes it. Leaving a field
 * without changing it does not count: a message appearing on blur shifts the layout under the pointer
 * and can swallow the click that caused the blur.
 */
function useTrackedRegister(name: FieldName) {
  const { register } = useFormContext<BuilderForm>();
  const { markEdited } = useBuilderProblems();
  const registered = register(name);
  return {
    ...registered,
    onChange: (event: { target: unknown; type?: unknown }) => {
      markEdited(name);
      return registered.onChange(event);
    },
  };
}

interface TextFieldProps {
  name: FieldName;
  label: ReactNode;
  hint?: ReactNode;
  placeholder?: string;
  rows?: number;
  mono?: boolean;
  type?: 'text' | 'url' | 'email' | 'tel';
  inputMode?: 'numeric' | 'decimal';
  list?: string;
  className?: string;
}

export function TextField({ name, label, hint, placeholder, rows, mono, type = 'text', inputMode, list, className }: TextFieldProps) {
  const error = useFieldProblem(name);
  const id = fieldIdOf(name);
  const common = {
    id,
    placeholder,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy(id, { hint, error }),
    className: cn(INPUT_CLASSES, mono && 'font-mono text-xs'),
    ...useTrackedRegister(name),
  };
  return (
    <Field id={id} label={label} hint={hint} error={error} className={className}>
      {rows ? <textarea rows={rows} {...common} /> : <input type={type} inputMode={inputMode} list={list} {...common} />}
    </Field>
  );
}

interface SelectFieldProps {
  name: FieldName;
  label: ReactNode;
  options: readonly (string | { value: string; label: string })[];
  className?: string;
  hint?: ReactNode;
}

export function SelectField({ name, label, options, className, hint }: SelectFieldProps) {
  const error = useFieldProblem(name);
  const id = fieldIdOf(name);
  return (
    <Field id={id} label={label} hint={hint} error={error} className={className}>
      <select id={id} className={INPUT_CLASSES} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, { hint, error })} {...useTrackedRegister(name)}>
        {options.map((option) => {
          const { value, label: text } = typeof option === 'string' ? { value: option, label: option } : option;
          return (
            <option key={value} value={value}>
              {text}
            </option>
          );
        })}
      </select>
    </Field>
  );
}

export function CheckboxField({ name, label, hint }: { name: FieldName; label: ReactNode; hint?: ReactNode }) {
  const error = useFieldProblem(name);
  const id = fieldIdOf(name);
  return (
    <div>
      <label htmlFor={id} className={cn(CHOICE_LABEL_CLASSES, 'w-fit')}>
        <input
          id={id}
          type="checkbox"
          className="size-4 rounded border-zinc-300 accent-indigo-600"
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(id, { hint, error })}
          {...useTrackedRegister(name)}
        />
        {label}
      </label>
      {hint ? (
        <p id={`${id}-hint`} className="text-xs text-zinc-500 dark:text-zinc-400">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} role="alert" className="text-xs font-medium text-red-600 dark:text-red-400">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** A problem that belongs to a list or group rather than one control; focusable so the summary can jump to it. */
export function GroupError({ name }: { name: FieldName }) {
  const error = useFieldProblem(name);
  return error ? (
    <p id={fieldIdOf(name)} tabIndex={-1} role="alert" className="text-xs font-medium text-red-600 dark:text-red-400">
      {error}
    </p>
  ) : null;
}
