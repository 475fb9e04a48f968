'use client';
// Which problems the form shows right now. Every problem is known on every change; a field shows its
// own once the person has changed it, or once Dispatch was pressed while it stood (so an item that was
// just added stays quiet until it is touched or the form is submitted again).
import { createContext, useContext } from 'react';
import { sectionOf, type BuilderSectionId } from '@/lib/client/builder-fields';
import type { FormProblem } from '@/lib/client/builder-form';
import type { ListChange } from '@/lib/client/list-paths';

export interface BuilderProblems {
  /** The problems on screen, in page order. */
  visible: FormProblem[];
  /** Records that the person changed a field, which lets its problem show. */
  markEdited: (path: string) => void;
  /** Lets these fields' problems show, as Dispatch does (for a check other than Dispatch's, such as "Save to library"). */
  reveal: (paths: string[]) => void;
  /** Moves what is remembered per field along with a list's items when one is removed or moved. */
  onListChange: (list: string, change: ListChange) => void;
}

export const BuilderProblemsContext = createContext<BuilderProblems>({
  visible: [],
  markEdited: () => undefined,
  reveal: () => undefined,
  onListChange: () => undefined,
});

export const useBuilderProblems = () => useContext(BuilderProblemsContext);

/** The problem shown beside a field (or a list), if any. */
export function useFieldProblem(path: string): string | undefined {
  // A JSON Schema box can have several problems at once: all stand beside it.
  const messages = useBuilderProblems()
    .visible.filter((problem) => problem.path === path)
    .map((problem) => problem.message);
  return messages.length > 0 ? messages.join(' · ') : undefined;
}

/** How many problems a section holds, for its badge when it is collapsed. */
export function useSectionProblemCount(section: BuilderSectionId): number {
  return useBuilderProblems().visible.filter((problem) => sectionOf(problem.path) === section).length;
}
