// Builds the dispatch request of one cell: the experiment's base request, with the row's message and
// record filled in (batch) and the variant's model or backstory applied.
import type { DispatchRequest } from '../dispatch/schema';
import type { ExperimentSpec, ExperimentVariant, InputRow } from './schema';
import { renderTemplate } from './template';
import { EXPERIMENT_ID_PATTERN } from '../store/run-source';

/** The name the row's record goes under, shown beside it in the answer and on the run page: which input it came from, as the page numbers them. */
export const rowDatasetName = (row: number) => `Input ${(row + 1).toLocaleString('en')} of the batch`;

/** The row's message replaces the last user message (or is added when there is none). */
function withUserMessage(request: DispatchRequest, text: string): DispatchRequest {
  const messages = [...request.messages];
  const last = messages.findLastIndex((message) => message.type === 'user');
  if (last >= 0) messages[last] = { ...messages[last], text };
  else messages.push({ type: 'user', text });
  return { ...request, messages };
}

function withRecord(request: DispatchRequest, text: string, row: number): DispatchRequest {
  const extensions = request.extensions ?? {};
  const datasets = [...(extensions.datasets ?? []), { name: rowDatasetName(row), records: [{ text }] }];
  return { ...request, extensions: { ...extensions, datasets } };
}

export function applyVariant(request: DispatchRequest, variant: ExperimentVariant): DispatchRequest {
  let next = request;
  const model = variant.model?.trim();
  if (model) {
    // A model and a bot id cannot go together: the variant's model wins.
    const { botId: _botId, ...rest } = next;
    next = { ...rest, model };
  }
  if (variant.backstory?.trim()) {
    // Both places a backstory can live get the variant's, so neither overrides it.
    next = { ...next, extensions: { ...next.extensions, backstory: variant.backstory } };
    if (next.backstory !== undefined) next = { ...next, backstory: variant.backstory };
  }
  return next;
}

/** What a variant changes in the request, as applyVariant applies it: the model (or bot) and the backstory answering. */
function variantEffect(request: DispatchRequest, variant: ExperimentVariant) {
  const applied = applyVariant(request, variant);
  return JSON.stringify([
    applied.model ?? null,
    applied.botId ?? null,
    applied.extensions?.backstory ?? applied.backstory ?? null,
  ]);
}

/** The first two variants that send the same request, so their answers compare nothing (undefined when none do). */
export function firstAlikeVariants(
  request: DispatchRequest,
  variants: ExperimentVariant[],
): [number, number] | undefined {
  const seen = new Map<string, number>();
  for (const [index, variant] of variants.entries()) {
    const effect = variantEffect(request, variant);
    const earlier = seen.get(effect);
    if (earlier !== undefined) return [earlier, index];
    seen.set(effect, index);
  }
  return undefined;
}

export function cellRequest(
  spec: ExperimentSpec,
  input: InputRow | undefined,
  { row, variant }: { row: number; variant: number },
  channelId: string,
): DispatchRequest {
  let request: DispatchRequest = { ...spec.request };
  if (spec.messageTemplate && input)
    request = withUserMessage(request, renderTemplate(spec.messageTemplate, input));
  if (spec.recordTemplate?.trim() && input)
    request = withRecord(request, renderTemplate(spec.recordTemplate, input), row);
  return { ...applyVariant(request, spec.variants[variant]), channelId };
}

/** The text sent for a row: the rendered message (batch) or the request's last user message (compare). */
export function inputText(spec: ExperimentSpec, input: InputRow | undefined): string {
  if (spec.messageTemplate && input) return renderTemplate(spec.messageTemplate, input);
  return spec.request.messages.findLast((message) => message.type === 'user')?.text ?? '';
}

/** Channel ids are chosen here so a dispatch repeated after a crash finds its run (409) instead of a twin. */
export const cellChannelId = (experimentId: string, row: number, variant: number, attempt: number) =>
  `${experimentId}-${row}-${variant}-${attempt}`;

/** The row and variant whose run has this channel id, if it is one of the experiment's (any attempt). */
export function cellOfChannel(
  experimentId: string,
  channelId: string,
): { row: number; variant: number } | undefined {
  if (!channelId.startsWith(`${experimentId}-`)) return undefined;
  const match = /^(\d{1,9})-(\d{1,9})-\d{1,9}$/.exec(channelId.slice(experimentId.length + 1));
  return match ? { row: Number(match[1]), variant: Number(match[2]) } : undefined;
}

const EXPERIMENT_ID_AT_START = new RegExp(`^${EXPERIMENT_ID_PATTERN}(?=-)`);

/** The experiment cell a run belongs to, read from its channel id alone (a run page links back to it). */
export function cellOfAnyExperiment(
  channelId: string,
): { experimentId: string; row: number; variant: number } | undefined {
  const experimentId = EXPERIMENT_ID_AT_START.exec(channelId)?.[0];
  const cell = experimentId ? cellOfChannel(experimentId, channelId) : undefined;
  return experimentId && cell ? { experimentId, ...cell } : undefined;
}
