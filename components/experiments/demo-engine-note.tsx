// Said before an experiment starts when no AI model would answer it: every variant goes to the built-in
// demo engine, whose answers are demo text made from the conversation (its datasets, functions and
// backstory), so the columns show how a comparison works rather than how models differ.
import type { EngineAvailability } from '@/lib/engines';
import { modelExamples } from '@/lib/client/model-route';

export function DemoEngineNote({ engines }: { engines: EngineAvailability[] | undefined }) {
  const models = modelExamples(engines).filter((model) => model !== 'local');
  return (
    <p
      data-testid="demo-engine-note"
      className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-50"
    >
      <strong className="font-semibold">No AI model answers this experiment yet.</strong> Every variant goes to the
      built-in demo engine, which answers with demo text made from the conversation (its datasets, functions and
      backstory): it shows how answers are laid out side by side, not how a model would answer.{' '}
      {models.length > 0
        ? `To compare real answers, give a variant a model this server has set up, for example ${models.join(' or ')}.`
        : 'This server has no other engine set up yet: whoever runs it can connect one (an OpenAI-compatible model or ChatBotKit).'}
    </p>
  );
}
