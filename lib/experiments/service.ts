// The product's operations on experiments. Route handlers call these and nothing deeper.
import { randomUUID } from 'node:crypto';
import type { AppConfig } from '../config';
import { DISPATCH_LIMITS } from '../dispatch/schema';
import { chooseEngine } from '../engines';
import { ApiError, invalidRequestFor, isApiError, notFound, type IssueDetail } from '../errors';
import type { RunService } from '../runs/service';
import type { RunRecord } from '../store/types';
import { applyVariant, cellOfChannel, inputText } from './cell-request';
import { experimentExport, exportFileName, type ExportFormat } from './export';
import { answerOpeningOf, firstLineOf } from './first-line';
import type { ExperimentRunner } from './runner';
import {
  EXPERIMENT_LIMITS,
  type CreateExperimentBody,
  type ExperimentCell,
  type ExperimentRecord,
  type VerdictPatch,
} from './schema';
import type { ExperimentStore } from './store';
import { renderTemplate, unknownPlaceholders } from './template';

export interface ExperimentServiceDeps {
  experiments: ExperimentStore;
  runner: ExperimentRunner;
  service: RunService;
  config: AppConfig;
}

/** A cell as the grid shows it: the answer's opening (first-line.ts) instead of the whole text. */
export type CellSummary = Omit<ExperimentCell, 'output'> & { firstLine?: string };

const LIST_LIMIT = 100;

const summarizeCell = ({ output, ...cell }: ExperimentCell): CellSummary => ({
  ...cell,
  firstLine: answerOpeningOf(output),
});

/** Refuses, with the field's path, what would only fail later in every cell. */
function checkBody(body: CreateExperimentBody, config: AppConfig): void {
  const issues: IssueDetail[] = [];
  body.variants.forEach((variant, index) => {
    try {
      chooseEngine(applyVariant(body.request, variant), config);
    } catch (error) {
      if (!isApiError(error)) throw error;
      issues.push({
        path: `variants.${index}.model`,
        message: error.extra.issues?.[0]?.message ?? error.message,
      });
    }
  });
  if (body.kind === 'batch') {
    const columns = Object.keys(body.rows?.[0] ?? {});
    for (const field of ['messageTemplate', 'recordTemplate'] as const) {
      const unknown = unknownPlaceholders(body[field] ?? '', columns);
      if (unknown.length > 0)
        issues.push({
          path: field,
          message: `No column named ${unknown.map((name) => `"${name}"`).join(', ')} in the upload`,
        });
    }
    body.rows?.forEach((row, index) => {
      if (renderTemplate(body.messageTemplate ?? '', row).length > DISPATCH_LIMITS.messageText)
        issues.push({
          path: `rows.${index}`,
          message: `The message for this row is longer than ${DISPATCH_LIMITS.messageText} characters`,
        });
    });
  }
  if (issues.length > 0) throw invalidRequestFor(issues);
}

export class ExperimentService {
  constructor(private readonly deps: ExperimentServiceDeps) {}

  async createExperiment(
    body: CreateExperimentBody,
    owner: string,
    timezone: string,
  ): Promise<ExperimentRecord> {
    checkBody(body, this.deps.config);
    const rows = body.kind === 'batch' ? (body.rows ?? []) : [];
    const { channelId: _channelId, ...request } = body.request;
    const experiment: ExperimentRecord = {
      id: `exp_${randomUUID().replaceAll('-', '').slice(0, 20)}`,
      owner,
      name: body.name || defaultName(body),
      kind: body.kind,
      status: 'running',
      createdAt: Date.now(),
      rowCount: body.kind === 'batch' ? rows.length : 1,
      spec: {
        request,
        variants: body.variants,
        columns: Object.keys(rows[0] ?? {}),
        messageTemplate: body.kind === 'batch' ? body.messageTemplate : undefined,
        recordTemplate:
          body.kind === 'batch' && body.recordTemplate?.trim() ? body.recordTemplate : undefined,
        concurrency: body.concurrency ?? EXPERIMENT_LIMITS.concurrency.default,
        timezone,
      },
    };
    await this.deps.experiments.createExperiment(experiment, rows);
    this.deps.runner.start(experiment.id);
    return experiment;
  }

  async getOwnedExperiment(id: string, owner: string): Promise<ExperimentRecord> {
    const experiment = await this.deps.experiments.getExperiment(id);
    if (!experiment || experiment.owner !== owner) throw notFound('Experiment');
    return experiment;
  }

  listExperiments(owner: string): Promise<ExperimentRecord[]> {
    return this.deps.experiments.listExperiments(owner, LIST_LIMIT);
  }

  async changedCells(id: string, owner: string, afterVersion: number) {
    await this.getOwnedExperiment(id, owner);
    const { cells, version } = await this.deps.experiments.readChangedCells(id, afterVersion);
    return { cells: cells.map(summarizeCell), version };
  }

  /** Each row's message, shortened for the grid. */
  async inputTexts(id: string, owner: string): Promise<string[]> {
    const experiment = await this.getOwnedExperiment(id, owner);
    const rowNumbers = Array.from({ length: experiment.rowCount }, (_, row) => row);
    const inputs =
      experiment.kind === 'batch' ? await this.deps.experiments.readRows(id, rowNumbers) : new Map();
    return rowNumbers.map((row) => firstLineOf(inputText(experiment.spec, inputs.get(row))) ?? '');
  }

  /**
   * The run one of the experiment's cells shows now, for a viewer of the experiment (a share link):
   * runs of earlier attempts, other experiments or outside any experiment are not found.
   */
  async cellRun(id: string, owner: string, channelId: string): Promise<RunRecord> {
    await this.getOwnedExperiment(id, owner);
    const at = cellOfChannel(id, channelId);
    const cell = at && (await this.deps.experiments.getCell(id, at.row, at.variant));
    if (!cell || cell.channelId !== channelId) throw notFound('Run');
    return this.deps.service.getOwnedRun(channelId, owner);
  }

  async setVerdict(id: string, owner: string, patch: VerdictPatch): Promise<ExperimentRecord> {
    const experiment = await this.getOwnedExperiment(id, owner);
    if (patch.bestVariant != null && patch.bestVariant >= experiment.spec.variants.length)
      throw invalidRequestFor([
        { path: 'bestVariant', message: `There are only ${experiment.spec.variants.length} variants` },
      ]);
    await this.deps.experiments.updateExperiment(id, {
      ...(patch.bestVariant !== undefined && { bestVariant: patch.bestVariant ?? undefined }),
      ...(patch.note !== undefined && { note: patch.note }),
    });
    return this.getOwnedExperiment(id, owner);
  }

  /** Stops dispatching, marks inputs not yet sent as cancelled and cancels the runs in flight. */
  async cancelExperiment(id: string, owner: string): Promise<ExperimentRecord> {
    const { experiments, runner, service } = this.deps;
    const experiment = await this.getOwnedExperiment(id, owner);
    if (experiment.status !== 'running')
      throw new ApiError('CONFLICT', `Experiment already ${experiment.status}`);
    runner.stopDispatching(id);
    await experiments.updateExperiment(id, { status: 'cancelled' });
    for (const cell of await experiments.findCells(id, 'pending', Number.MAX_SAFE_INTEGER))
      await experiments.updateCell(id, cell.row, cell.variant, {
        status: 'cancelled',
        error: 'Cancelled before it was sent',
      });
    for (const cell of await experiments.findCells(id, 'running', Number.MAX_SAFE_INTEGER))
      if (cell.channelId) await service.cancelRun(cell.channelId, owner).catch(() => undefined);
    return this.getOwnedExperiment(id, owner);
  }

  /** Sends every failed or cancelled cell again, on a fresh channel, and resumes the experiment. */
  async retryFailed(id: string, owner: string): Promise<{ retried: number }> {
    const { experiments, runner } = this.deps;
    await this.getOwnedExperiment(id, owner);
    // A cancel's loop may still be following its last runs: they must end before cells are reset.
    await runner.settled(id);
    let retried = 0;
    for (const status of ['failed', 'cancelled'] as const) {
      for (const cell of await experiments.findCells(id, status, Number.MAX_SAFE_INTEGER)) {
        await experiments.updateCell(
          id,
          cell.row,
          cell.variant,
          { status: 'pending', attempt: cell.attempt + 1 },
          'replace',
        );
        retried += 1;
      }
    }
    if (retried > 0) {
      await experiments.updateExperiment(id, { status: 'running' });
      runner.start(id);
    }
    return { retried };
  }

  async exportExperiment(
    id: string,
    owner: string,
    format: ExportFormat,
  ): Promise<{ body: string; fileName: string }> {
    const experiment = await this.getOwnedExperiment(id, owner);
    const { cells } = await this.deps.experiments.readChangedCells(id, 0);
    const inputs = await this.deps.experiments.readRows(id, [...new Set(cells.map((cell) => cell.row))]);
    return {
      body: experimentExport(experiment, cells, (row) => inputs.get(row), format),
      fileName: exportFileName(experiment, format),
    };
  }

  /**
   * Start-up: experiments that were running when the server stopped continue where they were; a
   * cancelled one whose last runs had not ended yet gets their outcomes recorded.
   */
  async resumeRunningExperiments(): Promise<number> {
    const { experiments, runner } = this.deps;
    const running = await experiments.findExperimentsByStatus('running');
    for (const experiment of running) runner.start(experiment.id);
    for (const experiment of await experiments.findExperimentsByStatus('cancelled'))
      if ((await experiments.findCells(experiment.id, 'running', 1)).length > 0) runner.start(experiment.id);
    return running.length;
  }
}

/** A name people can tell apart: a comparison's question, or a batch's size and first message filled in
 * ("Batch of 3 rows, e.g. “Where is order 17?”", not its template's placeholders). */
function defaultName(body: CreateExperimentBody): string {
  const oneLine = (text: string) => {
    const line = text.replace(/\s+/g, ' ').trim();
    return line.length > 80 ? `${line.slice(0, 79)}…` : line;
  };
  if (body.kind === 'batch') {
    const rows = body.rows ?? [];
    const first = rows[0] ? oneLine(renderTemplate(body.messageTemplate ?? '', rows[0])) : '';
    const size = `Batch of ${rows.length.toLocaleString('en')} ${rows.length === 1 ? 'row' : 'rows'}`;
    return first ? `${size}, e.g. “${first}”` : size;
  }
  const question = body.request.messages.findLast((message) => message.type === 'user')?.text ?? '';
  return `Compare: ${oneLine(question) || 'untitled'}`;
}
