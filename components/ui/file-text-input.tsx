'use client';
import { useId } from 'react';
import { cn } from './cn';
import { FILE_INPUT_CLASSES } from './field';

/** A labelled file picker that hands over the chosen file's name and text, then resets itself. */
interface FileTextInputProps {
  label: string;
  accept: string;
  onText: (fileName: string, text: string) => void;
  /** The id of a message about the last file (e.g. its problems), announced with the picker. */
  describedById?: string;
}

export function FileTextInput({ label, accept, onText, describedById }: FileTextInputProps) {
  const id = useId();
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <label htmlFor={id} className="text-sm font-medium">
        {label}
      </label>
      <input
        id={id}
        type="file"
        accept={accept}
        aria-describedby={describedById}
        aria-invalid={describedById ? true : undefined}
        className={cn(FILE_INPUT_CLASSES, 'w-auto')}
        onChange={async (event) => {
          const file = event.target.files?.[0];
          if (file) onText(file.name, await file.text());
          event.target.value = '';
        }}
      />
    </span>
  );
}
