// apiRoute for the experiments endpoints: the same auth and error mapping, plus the experiments runtime.
import { apiRoute, type ApiContext } from '../http/api-route';
import { getExperimentRuntime, type ExperimentRuntime } from './runtime';

/** An upload of inputs is larger than one dispatch: experiments accept bodies up to this many times MAX_BODY_BYTES. */
export const EXPERIMENT_BODY_FACTOR = 4;

export function experimentRoute<P = Record<string, never>>(
  handler: (context: ApiContext<P> & { experiments: ExperimentRuntime['service'] }) => Promise<Response>,
) {
  return apiRoute<P>(async (context) =>
    handler({ ...context, experiments: (await getExperimentRuntime()).service }),
  );
}
