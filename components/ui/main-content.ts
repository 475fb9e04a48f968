// The page's <main>, where the skip link (components/ui/skip-link.tsx) sends focus.
export const MAIN_CONTENT_ID = 'main-content';
