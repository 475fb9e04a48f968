'use client';
import { useId } from 'react';

/** A labelled file picker that hands over the chosen file's name and text, then resets itself. */
export function FileTextInput({ label, accept, onText }: { label: string; accept: string; onText: (fileName: string, text: string) => void }) {
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
        className="text-xs"
        onChange={async (event) => {
          const file = event.target.files?.[0];
          if (file) onText(file.name, await file.text());
          event.target.value = '';
        }}
      />
    </span>
  );
}
