'use client';
// Form controls bound to the builder form by name: a visible label, and the field's error beside it,
// tied with aria-describedby.
import type { ReactNode } from 'react';
import { useFormContext, type FieldErrors } from 'react-hook-form';
import { cn } from '@/components/ui/cn';
import { describedBy, Field, INPUT_CLASSES } from '@/components/ui/field';
import type { BuilderForm } from '@/lib/client/builder-form';

export const fieldIdOf = (name: string) => `field-${name.replaceAll('.', '-')}`;

/** The error message at a dotted path of react-hook-form's errors, if any. */
export function errorAt(errors: FieldErrors<BuilderForm>, name: string): string | undefined {
  let node: unknown = errors;
  for (const part of name.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  const message = (node as { message?: unknown } | undefined)?.message;
  return typeof message === 'string' ? message : undefined;
}

interface TextFieldProps {
  name: string;
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
  const { register, formState } = useFormContext<BuilderForm>();
  const error = errorAt(formState.errors, name);
  const id = fieldIdOf(name);
  const common = {
    id,
    placeholder,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy(id, { hint, error }),
    className: cn(INPUT_CLASSES, mono && 'font-mono text-xs'),
    ...register(name as never),
  };
  return (
    <Field id={id} label={label} hint={hint} error={error} className={className}>
      {rows ? <textarea rows={rows} {...common} /> : <input type={type} inputMode={inputMode} list={list} {...common} />}
    </Field>
  );
}

interface SelectFieldProps {
  name: string;
  label: ReactNode;
  options: readonly (string | { value: string; label: string })[];
  className?: string;
}

export function SelectField({ name, label, options, className }: SelectFieldProps) {
  const { register, formState } = useFormContext<BuilderForm>();
  const error = errorAt(formState.errors, name);
  const id = fieldIdOf(name);
  return (
    <Field id={id} label={label} error={error} className={className}>
      <select id={id} className={INPUT_CLASSES} aria-describedby={describedBy(id, { error })} {...register(name as never)}>
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

export function CheckboxField({ name, label }: { name: string; label: ReactNode }) {
  const { register } = useFormContext<BuilderForm>();
  const id = fieldIdOf(name);
  return (
    <div className="flex items-center gap-2">
      <input id={id} type="checkbox" className="size-4 rounded border-zinc-300 accent-indigo-600" {...register(name as never)} />
      <label htmlFor={id} className="text-sm">
        {label}
      </label>
    </div>
  );
}

/** An error that belongs to a list or group rather than one control. */
export function GroupError({ name }: { name: string }) {
  const { formState } = useFormContext<BuilderForm>();
  const error = errorAt(formState.errors, name);
  return error ? (
    <p id={`${fieldIdOf(name)}-error`} role="alert" className="text-xs font-medium text-red-600 dark:text-red-400">
      {error}
    </p>
  ) : null;
}
