// An experiment as the dashboard sees it: no owner, and the base request as the runs API shows one
// (skillset secretIds masked; the tenant's own text shown as sent, never compared with server secrets,
// so the view cannot be used to test a guess against them — see lib/secrets/redact.ts).
import type { DispatchRequest } from '../dispatch/schema';
import { redactRequest } from '../secrets/redact';
import type { ExperimentRecord, ExperimentVariant } from './schema';

export type ExperimentView = Omit<ExperimentRecord, 'owner'>;

/** What the experiment page shows: the owner's view has more, a share link's view exactly this. */
export type ExperimentPageView = Pick<
  ExperimentView,
  'id' | 'name' | 'kind' | 'status' | 'createdAt' | 'rowCount' | 'bestVariant' | 'note' | 'unansweredCells'
> & {
  spec: { variants: ExperimentVariant[]; request: Pick<DispatchRequest, 'messages' | 'model' | 'botId'> };
};

export function experimentView({ owner: _owner, ...experiment }: ExperimentRecord): ExperimentView {
  return {
    ...experiment,
    spec: { ...experiment.spec, request: redactRequest(experiment.spec.request) },
    bestVariant: experiment.bestVariant ?? undefined,
    unansweredCells: experiment.unansweredCells ?? undefined,
  };
}

/**
 * An experiment as its share link shows it: the conversation and the model or bot it names, the variants,
 * progress and verdict. Not the rest of its request (functions' results, datasets, skillsets) nor its
 * upload's other columns.
 */
export function sharedExperimentView(experiment: ExperimentRecord): ExperimentPageView {
  const { id, name, kind, status, createdAt, rowCount, bestVariant, note, unansweredCells, spec } =
    experiment;
  return {
    id,
    name,
    kind,
    status,
    createdAt,
    rowCount,
    bestVariant: bestVariant ?? undefined,
    note,
    unansweredCells: unansweredCells ?? undefined,
    spec: {
      variants: spec.variants,
      request: {
        messages: redactRequest(spec.request).messages,
        model: spec.request.model,
        botId: spec.request.botId,
      },
    },
  };
}
