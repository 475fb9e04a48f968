/** The look of a short warning inside a page or dialog (amber, readable in light and dark). */
export const WARNING_NOTE_CLASSES =
  'rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-950 dark:bg-amber-950 dark:text-amber-50';
