// Which builder sections the user opened or closed survives a reload, like the draft: coming back to a
// half-built request shows it as it was left. Stored per browser, apart from the draft, so "New" keeps it.
const OPEN_SECTIONS_KEY = 'dispatch-studio.builder.open-sections';

type OpenSections = Record<string, boolean>;

function readOpenSections(): OpenSections {
  try {
    const stored: unknown = JSON.parse(localStorage.getItem(OPEN_SECTIONS_KEY) ?? '{}');
    if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) return {};
    return Object.fromEntries(Object.entries(stored).filter(([, open]) => typeof open === 'boolean'));
  } catch {
    return {};
  }
}

/** Whether the user left this section open, or undefined when they never toggled it. */
export function rememberedSectionOpen(id: string): boolean | undefined {
  return readOpenSections()[id];
}

export function rememberSectionOpen(id: string, open: boolean): void {
  try {
    localStorage.setItem(OPEN_SECTIONS_KEY, JSON.stringify({ ...readOpenSections(), [id]: open }));
  } catch {
    // Storage full or disabled: the sections open as they do on a first visit.
  }
}
