'use client';
// The first Tab stop of every dashboard page: past the header's links straight to the page's own content,
// so a keyboard user does not tab through the navigation on each page. Hidden until focused.
import { MAIN_CONTENT_ID } from './main-content';

export function SkipLink() {
  return (
    <a
      href={`#${MAIN_CONTENT_ID}`}
      // Focus moves without a "#main" added to the address (and to Back).
      onClick={(event) => {
        event.preventDefault();
        document.getElementById(MAIN_CONTENT_ID)?.focus();
      }}
      className="sr-only rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500"
    >
      Skip to content
    </a>
  );
}
