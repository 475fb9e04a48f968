// The process-wide experiments wiring, beside the run runtime it builds on: the store of the same
// backend, the runner and the service. Kept on globalThis for the same reason as the run runtime
// (Next bundles route handlers separately). Created at start-up, where it resumes running experiments.
import { getRuntime, type Runtime } from '../server/runtime';
import { ExperimentRunner } from './runner';
import { ExperimentService } from './service';
import type { ExperimentStore } from './store';
import { getLogger } from '../ops/logger';

export interface ExperimentRuntime {
  experiments: ExperimentStore;
  runner: ExperimentRunner;
  service: ExperimentService;
}

const EXPERIMENTS_KEY = Symbol.for('dispatch-studio.experiments');
type GlobalWithExperiments = typeof globalThis & { [EXPERIMENTS_KEY]?: Promise<ExperimentRuntime> };

export function getExperimentRuntime(): Promise<ExperimentRuntime> {
  const holder = globalThis as GlobalWithExperiments;
  holder[EXPERIMENTS_KEY] ??= getRuntime().then(createExperimentRuntime);
  return holder[EXPERIMENTS_KEY];
}

async function createExperimentRuntime(runtime: Runtime): Promise<ExperimentRuntime> {
  const experiments = runtime.openExperimentStore();
  const runner = new ExperimentRunner({
    experiments,
    runs: runtime.store,
    bus: runtime.bus,
    service: runtime.service,
  });
  const service = new ExperimentService({
    experiments,
    runner,
    service: runtime.service,
    config: runtime.config,
  });
  const resumed = await service.resumeRunningExperiments();
  if (resumed > 0) getLogger().info({ resumed }, 'resumed running experiments');
  return { experiments, runner, service };
}
