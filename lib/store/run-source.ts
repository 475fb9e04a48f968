// Where a run came from, as the runs list filters it: a cell of an experiment (its channel id says so, see
// lib/experiments/cell-request.ts) or anything else (the builder, the API, a retry). A batch experiment
// makes hundreds of runs; an operator looking for the others filters them out.

export const RUN_SOURCES = ['experiment', 'other'] as const;
export type RunSource = (typeof RUN_SOURCES)[number];

/** An experiment's id: `exp_` and 20 hex digits. */
export const EXPERIMENT_ID_PATTERN = 'exp_[0-9a-f]{20}';
/** An experiment cell's channel id: the experiment's id, then row, variant and attempt. */
const EXPERIMENT_CELL_CHANNEL = new RegExp(`^${EXPERIMENT_ID_PATTERN}-\\d{1,9}-\\d{1,9}-\\d{1,9}$`);

export const isExperimentCell = (channelId: string) => EXPERIMENT_CELL_CHANNEL.test(channelId);

/** Whether a run with this channel id is one `source` asks for (every run when none is asked for). */
export const isFromSource = (channelId: string, source: RunSource | undefined) =>
  source === undefined || isExperimentCell(channelId) === (source === 'experiment');
