// What to type in a model field, said in terms of the engines this server has set up: examples that
// work here, what an empty field means, and where a bare model name goes (to the server's default
// engine; when that is the built-in local engine the name changes nothing).
import { engineNameFor, parseModelString } from '../dispatch/model-string';
import type { DispatchRequest } from '../dispatch/schema';
import type { EngineAvailability } from '../engines';
import { applyVariant } from '../experiments/cell-request';
import type { ExperimentVariant } from '../experiments/schema';

/** A model string each set-up engine answers: `local`, or `engine/its default model`. */
export function modelExample(engine: EngineAvailability): string {
  return engine.name === 'local' ? 'local' : `${engine.name}/${engine.defaultModel}`;
}

/** Examples that work on this server, one per set-up engine. */
export function modelExamples(engines: EngineAvailability[] | undefined): string[] {
  return (engines ?? []).filter((engine) => engine.configured).map(modelExample);
}

export function unnamedEngineNote(model: string | undefined, engines: EngineAvailability[] | undefined): string | undefined {
  const { engine, name } = parseModelString(model);
  if (engine || !name || !engines?.find((candidate) => candidate.isDefault && candidate.name === 'local')) return undefined;
  const openai = engines.find((candidate) => candidate.name === 'openai');
  const otherwise = openai?.configured
    ? `For OpenAI, write openai/${name}.`
    : 'No other engine is set up on this server yet.';
  return `No engine is named, so the built-in local engine answers with demo replies, whatever the model's name. ${otherwise}`;
}

/** The hint under a model field: the bare-name note when it applies, otherwise examples that work here. */
export function modelFieldHint(
  model: string | undefined,
  engines: EngineAvailability[] | undefined,
  whenEmpty: string,
): string {
  const note = unnamedEngineNote(model, engines);
  if (note) return note;
  const examples = modelExamples(engines);
  return examples.length > 0 ? `For example: ${examples.join(', ')}. ${whenEmpty}` : whenEmpty;
}

/** What an empty model field means when nothing else decides the model: the server's default engine. */
export function defaultEngineMeaning(engines: EngineAvailability[] | undefined): string {
  const name = engines?.find((engine) => engine.isDefault)?.name;
  return name ? `Empty means the default engine (${name}).` : 'Empty means the default engine.';
}

/** What an empty variant model means: the conversation's own model or bot, or else the default engine. */
export function emptyModelMeans(
  conversation: { model?: string; botId?: string } | undefined,
  engines: EngineAvailability[] | undefined,
): string {
  if (conversation?.model) return `Empty keeps the conversation's model (${conversation.model}).`;
  if (conversation?.botId) return "Empty keeps the conversation's bot.";
  return defaultEngineMeaning(engines);
}

/** Which model a variant's runs use, in words: its own, the conversation's, or the server's default. */
export function variantModelLine(
  variantModel: string | undefined,
  conversation: { model?: string; botId?: string },
): string {
  if (variantModel) return `Model ${variantModel}`;
  if (conversation.model) return `The conversation's model (${conversation.model})`;
  if (conversation.botId) return "The conversation's bot";
  return 'The default engine';
}

/**
 * Who answered a run, as its record says, for after what was asked (`asked`: the variant's model, if it named
 * one): a model name no engine is named for goes to the built-in local engine, which answers with demo
 * replies, so the asked name alone would mislead. Nothing when the model asked for is the one that answered.
 */
export function answeredByLine(asked: string | undefined, run: { engine: string; model: string }): string | undefined {
  if (run.engine === 'local') return 'answered by the built-in demo engine';
  if (asked !== undefined && (asked === run.model || asked === `${run.engine}/${run.model}`)) return undefined;
  return `answered by ${run.engine}${run.model && run.model !== run.engine ? ` / ${run.model}` : ''}`;
}

/** Engines this server has not set up, for a plain line; the settings that would turn them on are for its operator. */
export function enginesNotSetUp(engines: EngineAvailability[] | undefined): { names: string[]; settings: string[] } {
  const missing = (engines ?? []).filter((engine) => !engine.configured);
  return {
    names: missing.map((engine) => engine.name),
    settings: missing.map((engine) => `${engine.name}: ${engine.requires ?? `the ${engine.name} settings`}`),
  };
}

/** Whether the built-in demo engine answers this request (false until the server's engines are known). */
export function answeredByDemoEngine(
  request: { model?: string; botId?: string },
  engines: EngineAvailability[] | undefined,
): boolean {
  const defaultEngine = engines?.find((engine) => engine.isDefault)?.name;
  return defaultEngine !== undefined && engineNameFor(request, defaultEngine) === 'local';
}

/**
 * Whether the built-in demo engine answers every variant (once the server's engines are known): a
 * comparison then shows demo text made from the conversation, not how a model would answer.
 */
export function everyVariantOnDemoEngine(
  conversation: DispatchRequest,
  variants: ExperimentVariant[],
  engines: EngineAvailability[] | undefined,
): boolean {
  return variants.every((variant) => answeredByDemoEngine(applyVariant(conversation, variant), engines));
}
