// The shapes of an experiment: what a client sends to start one, and what the store keeps. One zod
// schema for the create body feeds the route handler, the types and the setup page's checks.
import { z } from 'zod';
import { MODEL_SETTING_NAMES, modelSettingProblems, parseModelString } from '../dispatch/model-string';
import { dispatchRequestSchema, type DispatchRequest } from '../dispatch/schema';
import { repeatedVariantNames } from './variant-names';

export const EXPERIMENT_LIMITS = {
  variants: { min: 2, max: 4 },
  rows: 2_000,
  columns: 50,
  columnName: 100,
  cellText: 10_000,
  template: 10_000,
  label: 80,
  name: 200,
  note: 5_000,
  concurrency: { max: 16, default: 4 },
} as const;

export const EXPERIMENT_KINDS = ['compare', 'batch'] as const;
export type ExperimentKind = (typeof EXPERIMENT_KINDS)[number];

export const variantSchema = z.strictObject({
  label: z.string().trim().min(1, 'Give the variant a name').max(EXPERIMENT_LIMITS.label),
  /** A model string as in the builder (`local`, `openai/gpt-4o`…); empty keeps the request's own. */
  model: z
    .string()
    .max(200)
    .optional()
    .superRefine((model, context) => {
      for (const { setting, message } of modelSettingProblems(parseModelString(model).settings))
        context.addIssue({ code: 'custom', message: `${MODEL_SETTING_NAMES[setting]}: ${message}` });
    }),
  /** Replaces the request's backstory for this variant when set. */
  backstory: z.string().max(50_000).optional(),
});
export type ExperimentVariant = z.infer<typeof variantSchema>;

const CONCURRENCY_RANGE = `Use a whole number from 1 to ${EXPERIMENT_LIMITS.concurrency.max}.`;
export const concurrencySchema = z
  .number({ error: CONCURRENCY_RANGE })
  .int(CONCURRENCY_RANGE)
  .min(1, CONCURRENCY_RANGE)
  .max(EXPERIMENT_LIMITS.concurrency.max, CONCURRENCY_RANGE);

const inputRowSchema = z
  .record(z.string().max(EXPERIMENT_LIMITS.columnName), z.string().max(EXPERIMENT_LIMITS.cellText))
  .refine((row) => Object.keys(row).length <= EXPERIMENT_LIMITS.columns, {
    message: `At most ${EXPERIMENT_LIMITS.columns} columns`,
  });
export type InputRow = z.infer<typeof inputRowSchema>;

export const createExperimentSchema = z
  .strictObject({
    name: z.string().trim().max(EXPERIMENT_LIMITS.name).optional(),
    kind: z.enum(EXPERIMENT_KINDS),
    request: dispatchRequestSchema,
    variants: z
      .array(variantSchema)
      .min(EXPERIMENT_LIMITS.variants.min, `Choose at least ${EXPERIMENT_LIMITS.variants.min} variants`)
      .max(EXPERIMENT_LIMITS.variants.max, `At most ${EXPERIMENT_LIMITS.variants.max} variants`),
    /** Batch only: one object of column → text per input. */
    rows: z
      .array(inputRowSchema)
      .max(EXPERIMENT_LIMITS.rows, `At most ${EXPERIMENT_LIMITS.rows} rows`)
      .optional(),
    /** Batch only: the user message, with `{{column}}` placeholders. */
    messageTemplate: z.string().max(EXPERIMENT_LIMITS.template).optional(),
    /** Batch only, optional: a dataset record added to each row's request, with placeholders. */
    recordTemplate: z.string().max(EXPERIMENT_LIMITS.template).optional(),
    /** Batch only: at most this many of its runs queued or running at once. */
    concurrency: concurrencySchema.optional(),
  })
  .superRefine((body, ctx) => {
    // A variant is known by its name in the columns, the grid and the exports: two alike could not be told apart.
    for (const { index, message } of repeatedVariantNames(body.variants))
      ctx.addIssue({ code: 'custom', path: ['variants', index, 'label'], message });
    if (body.kind !== 'batch') return;
    if (!body.rows || body.rows.length === 0)
      ctx.addIssue({ code: 'custom', path: ['rows'], message: 'Upload at least one row' });
    if (!body.messageTemplate?.trim())
      ctx.addIssue({ code: 'custom', path: ['messageTemplate'], message: 'Write the message template' });
  });
export type CreateExperimentBody = z.infer<typeof createExperimentSchema>;

export const verdictSchema = z.strictObject({
  /** Index of the variant marked best, or null to clear it. */
  bestVariant: z
    .number()
    .int()
    .min(0)
    .max(EXPERIMENT_LIMITS.variants.max - 1)
    .nullable()
    .optional(),
  note: z.string().max(EXPERIMENT_LIMITS.note).optional(),
});
export type VerdictPatch = z.infer<typeof verdictSchema>;

export const EXPERIMENT_STATUSES = ['running', 'finished', 'cancelled'] as const;
export type ExperimentStatus = (typeof EXPERIMENT_STATUSES)[number];

/** What is fixed when the experiment starts; every cell's request is built from it. */
export interface ExperimentSpec {
  request: DispatchRequest;
  variants: ExperimentVariant[];
  columns: string[];
  messageTemplate?: string;
  recordTemplate?: string;
  concurrency: number;
  timezone: string;
}

export interface ExperimentRecord {
  id: string;
  owner: string;
  name: string;
  kind: ExperimentKind;
  status: ExperimentStatus;
  createdAt: number;
  rowCount: number;
  spec: ExperimentSpec;
  bestVariant?: number;
  note?: string;
  /** Cells that ended without an answer (failed or cancelled) when the experiment last finished. */
  unansweredCells?: number;
}

/** What may change on an experiment after it was created. */
export type ExperimentPatch = Partial<
  Pick<ExperimentRecord, 'status' | 'bestVariant' | 'note' | 'unansweredCells'>
>;

export const CELL_STATUSES = ['pending', 'running', 'completed', 'failed', 'cancelled'] as const;
export type CellStatus = (typeof CELL_STATUSES)[number];
export const isCellEnded = (status: CellStatus) =>
  status === 'completed' || status === 'failed' || status === 'cancelled';

/** One input × one variant: its run and, once the run ended, what it produced. */
export interface ExperimentCell {
  row: number;
  variant: number;
  /** Bumped by retry-failed, so a retried cell gets a fresh channel. */
  attempt: number;
  status: CellStatus;
  channelId?: string;
  output?: string;
  outputTokens?: number;
  timeToFirstTokenMs?: number;
  durationMs?: number;
  error?: string;
  /** The experiment-wide change counter when this cell last changed (clients poll for newer ones). */
  version: number;
}

export type CellPatch = Partial<Omit<ExperimentCell, 'row' | 'variant' | 'version'>>;

export const cellsQuerySchema = z.object({
  after: z.coerce.number().int().min(0).default(0),
});

export const exportQuerySchema = z.object({ format: z.enum(['csv', 'jsonl']).default('csv') });
