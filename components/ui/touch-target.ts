// On a touch screen every control is a finger's size (44 × 44 px), however few its words: a link that stands
// on its own ("Open the run", a page in the header) grows its tap area to that size; one inside a sentence does not.
export const TOUCH_LINK_CLASSES =
  'pointer-coarse:inline-flex pointer-coarse:min-h-11 pointer-coarse:min-w-11 pointer-coarse:items-center';
