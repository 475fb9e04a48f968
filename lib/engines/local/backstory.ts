// Applies the backstory deterministically: a persona it names ("You are Ava") is who the reply speaks as;
// otherwise the reply says which backstory it follows, so its effect is visible either way.
import { truncate } from './text';

const PERSONA_PATTERN =
  /(?:^|[^\p{L}])(?:[Yy]ou(?: are|'re|’re) (?:called |named )?|[Yy]our name is |[Aa]ct as |[Cc]all yourself )(\p{Lu}[\p{L}'’-]*(?: \p{Lu}[\p{L}'’-]*){0,2})/u;
const ARTICLES = new Set(['A', 'An']);

export interface AppliedBackstory {
  persona?: string;
  /** The sentence the reply opens with. */
  opening: string;
}

/** The backstory of a request: extensions.backstory, else the top-level model configuration's. */
export function backstoryOf(request: {
  backstory?: string;
  extensions?: { backstory?: string };
}): string | undefined {
  const backstory = (request.extensions?.backstory ?? request.backstory)?.trim();
  return backstory || undefined;
}

export function findPersona(backstory: string): string | undefined {
  const name = PERSONA_PATTERN.exec(backstory)?.[1];
  return name && !ARTICLES.has(name.split(' ')[0]) ? name : undefined;
}

export function applyBackstory(backstory: string | undefined): AppliedBackstory | undefined {
  if (!backstory) return undefined;
  const persona = findPersona(backstory);
  if (persona) return { persona, opening: `I'm ${persona}.` };
  const firstSentence = backstory.split(/(?<=[.!?])\s/)[0];
  return { opening: `Following the backstory: "${truncate(firstSentence, 160)}"` };
}
