// Picks the skillset ability that best matches the user's message. The chosen ability is copied field by
// field so its secretId (and free-form meta) can never reach an event.
import type { DispatchRequest } from '../../dispatch/schema';
import { bestMatch } from '../text/keywords';
import { scannedMessage } from './message-scan';

type Skillset = NonNullable<NonNullable<DispatchRequest['extensions']>['skillsets']>[number];
type Ability = Skillset['abilities'][number];

export interface ChosenAbility {
  name: string;
  skillset?: string;
  instruction: string;
}

export function chooseAbility(skillsets: readonly Skillset[], message: string): ChosenAbility | undefined {
  const candidates = skillsets.flatMap((skillset) =>
    skillset.abilities.map((ability) => ({ skillset, ability })),
  );
  const match = bestMatch(
    candidates,
    scannedMessage(message).contentKeywords,
    ({ ability }: { ability: Ability }) => [
      { text: ability.name, weight: 2 },
      { text: ability.description, weight: 1 },
    ],
  );
  if (!match) return undefined;
  const { skillset, ability } = match.item;
  return {
    name: ability.name,
    ...(skillset.name?.trim() && { skillset: skillset.name.trim() }),
    instruction: ability.instruction,
  };
}
