'use client';
// /experiments/new: choose the variants and, for a batch, the inputs, then start. The conversation
// comes from the builder's "Compare" button; without one, a comparison asks one question typed here and
// a batch starts from an empty conversation.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { PHONE_ACTION_BAR_ROOM, PHONE_ACTION_BUTTON_CLASSES, PhoneActionBar } from '@/components/ui/phone-action-bar';
import { CHOICE_LABEL_CLASSES, describedBy, Field, INPUT_CLASSES, TextAreaField } from '@/components/ui/field';
import { ApiClientError, getEngines } from '@/lib/client/api';
import {
  createExperiment,
  parseExperimentHandoff,
  readExperimentHandoffText,
} from '@/lib/client/experiments-api';
import {
  clearExperimentDraft,
  loadExperimentDraft,
  saveExperimentDraft,
  type ExperimentDraft,
} from '@/lib/client/experiment-draft';
import type { ParsedInputs } from '@/lib/client/input-upload';
import { queryKeys } from '@/lib/client/keys';
import { emptyModelMeans, everyVariantOnDemoEngine, modelFieldHint } from '@/lib/client/model-route';
import { experimentPagePath } from '@/lib/client/page-paths';
import { useDebouncedSave } from '@/lib/client/use-debounced-save';
import { DISPATCH_LIMITS, dispatchRequestSchema, type DispatchRequest } from '@/lib/dispatch/schema';
import {
  concurrencySchema,
  EXPERIMENT_LIMITS,
  type CreateExperimentBody,
  type ExperimentKind,
  type ExperimentVariant,
  variantSchema,
} from '@/lib/experiments/schema';
import { firstAlikeVariants } from '@/lib/experiments/cell-request';
import { repeatedVariantNames } from '@/lib/experiments/variant-names';
import { unknownPlaceholders } from '@/lib/experiments/template';
import { plainIssues } from '@/lib/plain-issues';
import { BatchInputs } from './batch-inputs';
import { DemoEngineNote } from './demo-engine-note';
import { VariantsEditor } from './variants-editor';

const browserTimezone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
const EMPTY_REQUEST: DispatchRequest = { messages: [] };

/** Without a conversation from the builder, a comparison sends one question. */
const questionRequest = (question: string): DispatchRequest => ({
  messages: [{ type: 'user', text: question.trim() }],
});

/** The first variant keeps the builder's conversation as it is, when there is one to keep. */
function startingVariants(request: DispatchRequest | undefined): ExperimentVariant[] {
  return [
    { label: request ? 'As in the builder' : 'Variant 1', model: request?.model ?? '', backstory: '' },
    { label: 'Variant 2', model: '', backstory: '' },
  ];
}

const DEFAULT_CONCURRENCY = String(EXPERIMENT_LIMITS.concurrency.default);

/** "Runs at once" as typed: an empty field is no number at all, not 0. */
const typedNumber = (text: string) => (text.trim() === '' ? Number.NaN : Number(text));

/** A draft with nothing typed in it is not worth keeping. */
function isBlankDraft(draft: ExperimentDraft, request: DispatchRequest | undefined): boolean {
  const typed = [draft.name, draft.question, draft.messageTemplate, draft.recordTemplate];
  return (
    typed.every((text) => !text.trim()) &&
    JSON.stringify(draft.variants) === JSON.stringify(startingVariants(request)) &&
    draft.concurrency === DEFAULT_CONCURRENCY
  );
}

/** Each variant named as one before it, by its name field's path. */
function repeatedNameErrors(variants: readonly ExperimentVariant[]): Record<string, string> {
  return Object.fromEntries(
    repeatedVariantNames(variants).map(({ index, message }) => [`variants.${index}.label`, message]),
  );
}

/** Checks made before sending, in the words of the fields they belong to. */
function localErrors(
  kind: ExperimentKind,
  variants: ExperimentVariant[],
  inputs: ParsedInputs | undefined,
  messageTemplate: string,
  recordTemplate: string,
  question: string | undefined,
  concurrency: string,
) {
  const errors: Record<string, string> = {};
  if (kind === 'compare' && question !== undefined && !question.trim())
    errors.question = 'Write the question each variant answers.';
  variants.forEach((variant, index) => {
    const model = variantSchema.shape.model.safeParse(variant.model?.trim() || undefined, { error: plainIssues });
    if (!model.success) errors[`variants.${index}.model`] = model.error.issues[0].message;
    if (!variant.label.trim()) errors[`variants.${index}.label`] = 'Give the variant a name.';
  });
  Object.entries(repeatedNameErrors(variants)).forEach(([path, message]) => (errors[path] ??= message));
  if (kind !== 'batch') return errors;
  if (!inputs) errors.rows = 'Choose a file of inputs.';
  else if (inputs.problems.length > 0) errors.rows = inputs.problems.join(' ');
  if (!messageTemplate.trim()) errors.messageTemplate = 'Write the message each input sends.';
  const runsAtOnce = concurrencySchema.safeParse(typedNumber(concurrency), { error: plainIssues });
  if (!runsAtOnce.success) errors.concurrency = runsAtOnce.error.issues[0].message;
  for (const [field, template] of [
    ['messageTemplate', messageTemplate],
    ['recordTemplate', recordTemplate],
  ] as const) {
    const unknown = unknownPlaceholders(template, inputs?.columns ?? []);
    if (inputs && unknown.length > 0)
      errors[field] = `No column named ${unknown.map((name) => `"${name}"`).join(', ')} in the upload`;
  }
  return errors;
}

/** Once the problems are on screen, the first field with one takes focus (and so scrolls into view). */
function focusFirstProblem() {
  requestAnimationFrame(() =>
    document.querySelector<HTMLElement>('form[aria-label="New experiment"] [aria-invalid="true"]')?.focus(),
  );
}

const ON_SERVER = 'server';
const noSubscription = () => () => undefined;

/** Reads the conversation handed over by the builder (in localStorage, so only in the browser). */
export function ExperimentSetup() {
  const searchParams = useSearchParams();
  const stored = useSyncExternalStore(noSubscription, readExperimentHandoffText, () => ON_SERVER);
  if (stored === ON_SERVER) return <p className="text-sm text-zinc-500">Loading…</p>;
  const parsed = dispatchRequestSchema.safeParse(parseExperimentHandoff(stored));
  const request = parsed.success ? parsed.data : undefined;
  const draft = loadExperimentDraft(stored);
  const askedKind = searchParams.get('kind') ?? draft?.kind ?? (request ? 'compare' : 'batch');
  return (
    <SetupForm
      request={request}
      handoff={stored}
      draft={draft}
      initialKind={askedKind === 'batch' ? 'batch' : 'compare'}
    />
  );
}

interface SetupFormProps {
  request?: DispatchRequest;
  /** The builder's hand-over as stored text (null without one): the draft is kept for it. */
  handoff: string | null;
  draft?: ExperimentDraft;
  initialKind: ExperimentKind;
}

function SetupForm({ request, handoff, draft, initialKind }: SetupFormProps) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<ExperimentKind>(initialKind);
  const [name, setName] = useState(draft?.name ?? '');
  const [variants, setVariants] = useState<ExperimentVariant[]>(draft?.variants ?? startingVariants(request));
  const [inputs, setInputs] = useState<ParsedInputs>();
  const [messageTemplate, setMessageTemplate] = useState(draft?.messageTemplate ?? '');
  const [recordTemplate, setRecordTemplate] = useState(draft?.recordTemplate ?? '');
  const [question, setQuestion] = useState(draft?.question ?? '');
  /** The question typed here, when there is no conversation from the builder (undefined with one). */
  const ownQuestion = request ? undefined : question;
  /** As typed, so a number out of range is said, not silently changed. */
  const [concurrency, setConcurrency] = useState(draft?.concurrency ?? DEFAULT_CONCURRENCY);
  // Once the experiment starts its draft is done with; the save made as the form goes away must not bring it back.
  const started = useRef(false);
  const typed = useMemo(
    (): ExperimentDraft => ({
      handoff,
      kind,
      name,
      question,
      variants,
      messageTemplate,
      recordTemplate,
      concurrency,
    }),
    [handoff, kind, name, question, variants, messageTemplate, recordTemplate, concurrency],
  );
  const keepDraft = useCallback(
    (draftNow: ExperimentDraft) => {
      if (started.current) return;
      if (isBlankDraft(draftNow, request)) clearExperimentDraft();
      else saveExperimentDraft(draftNow);
    },
    [request],
  );
  useDebouncedSave(typed, keepDraft, 250);
  const [checked, setChecked] = useState(false);
  const engines = useQuery({ queryKey: queryKeys.engines, queryFn: getEngines });

  const start = useMutation({
    mutationFn: (body: CreateExperimentBody) => createExperiment(body, browserTimezone()),
    onSuccess: ({ experiment }) => {
      started.current = true;
      clearExperimentDraft();
      void queryClient.invalidateQueries({ queryKey: queryKeys.experiments.all });
      router.push(experimentPagePath(experiment.id));
    },
    onError: focusFirstProblem,
  });

  const errors = useMemo(() => {
    // A name another variant has is said at once (two cards headed alike are hard to tell apart); the rest
    // once Start was pressed.
    const found = checked
      ? localErrors(kind, variants, inputs, messageTemplate, recordTemplate, ownQuestion, concurrency)
      : repeatedNameErrors(variants);
    if (start.error instanceof ApiClientError)
      for (const issue of start.error.issues)
        found[issue.path.replace(/^rows\.\d+$/, 'rows')] ??= issue.message;
    return found;
  }, [checked, kind, variants, inputs, messageTemplate, recordTemplate, ownQuestion, concurrency, start.error]);

  const conversation = request ?? (kind === 'compare' ? questionRequest(question) : EMPTY_REQUEST);

  const submit = () => {
    setChecked(true);
    if (
      Object.keys(localErrors(kind, variants, inputs, messageTemplate, recordTemplate, ownQuestion, concurrency))
        .length > 0
    )
      return focusFirstProblem();
    start.mutate({
      kind,
      name: name.trim() || undefined,
      request: conversation,
      variants: variants.map((variant) => ({
        label: variant.label,
        model: variant.model?.trim() || undefined,
        backstory: variant.backstory?.trim() || undefined,
      })),
      ...(kind === 'batch' && {
        rows: inputs?.rows,
        messageTemplate,
        recordTemplate: recordTemplate.trim() || undefined,
        concurrency: typedNumber(concurrency),
      }),
    });
  };

  const modelHint = (model: string | undefined) =>
    modelFieldHint(model, engines.data?.engines, emptyModelMeans(request, engines.data?.engines));
  const userText = request?.messages.findLast((message) => message.type === 'user')?.text;
  // Once Start was pressed: a repeated variant name alone is said at its card as it is typed.
  const problemCount = checked ? Object.keys(errors).length : 0;
  const unmatched = Object.entries(errors).filter(
    ([path]) =>
      !/^(variants(\.\d+\.(model|label))?|rows|messageTemplate|recordTemplate|question|concurrency)$/.test(path),
  );

  return (
    <form
      noValidate
      aria-label="New experiment"
      className={cn('space-y-6', PHONE_ACTION_BAR_ROOM)}
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <div>
        <h1 className="text-2xl font-semibold">New experiment</h1>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Send one conversation to several variants side by side, or run it over a file of inputs.
        </p>
      </div>
      <fieldset className="space-y-2">
        <legend className="text-base font-semibold">What to run</legend>
        <div className="flex flex-wrap gap-4 text-sm">
          <label className={CHOICE_LABEL_CLASSES}>
            <input
              type="radio"
              name="kind"
              value="compare"
              checked={kind === 'compare'}
              onChange={() => setKind('compare')}
            />
            {request ? 'Compare this conversation' : 'Compare answers to a question'}
          </label>
          <label className={CHOICE_LABEL_CLASSES}>
            <input
              type="radio"
              name="kind"
              value="batch"
              checked={kind === 'batch'}
              onChange={() => setKind('batch')}
            />
            Batch over a file of inputs
          </label>
        </div>
        {request ? (
          <p className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="handed-conversation">
            Conversation from the builder: {request.messages.length}{' '}
            {request.messages.length === 1 ? 'message' : 'messages'}
            {/* The question keeps its own punctuation inside the quotes; the sentence ends there, with no
                second full stop. The quotes are text, so they are read and copied with it. */}
            {userText ? (
              <>
                , last question <span className="text-zinc-900 dark:text-zinc-100">“{userText}”</span>
              </>
            ) : (
              '.'
            )}
          </p>
        ) : (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            To compare a longer conversation (with functions, datasets or a backstory), compose it in the{' '}
            <Link className="underline" href="/">
              builder
            </Link>{' '}
            and press Compare there. A batch starts from an empty conversation.
          </p>
        )}
      </fieldset>
      {/* What is sent (the question, or each input of the file) comes before who answers it. */}
      {kind === 'compare' && !request ? (
        <TextAreaField
          id="compare-question"
          label="Question"
          hint="Each variant answers it on its own."
          error={errors.question}
          value={question}
          maxLength={DISPATCH_LIMITS.messageText}
          placeholder="When does my order ship?"
          onText={setQuestion}
        />
      ) : null}
      {kind === 'batch' ? (
        <BatchInputs
          inputs={inputs}
          onInputs={(next) => {
            setInputs(next);
            // A file of one column has one thing to send: the message starts as that column.
            if (!messageTemplate.trim() && next?.columns.length === 1)
              setMessageTemplate(`{{${next.columns[0]}}}`);
          }}
          messageTemplate={messageTemplate}
          onMessageTemplate={setMessageTemplate}
          recordTemplate={recordTemplate}
          onRecordTemplate={setRecordTemplate}
          errors={errors}
        />
      ) : null}
      <Field id="experiment-name" label="Name (optional)">
        <input
          id="experiment-name"
          className={INPUT_CLASSES}
          value={name}
          maxLength={EXPERIMENT_LIMITS.name}
          onChange={(event) => setName(event.target.value)}
        />
      </Field>
      <VariantsEditor
        variants={variants}
        onChange={setVariants}
        errors={errors}
        modelHint={modelHint}
        alike={firstAlikeVariants(conversation, variants)}
        answers={kind === 'batch' ? 'inputs' : request ? 'conversation' : 'question'}
        fromConversation={request !== undefined}
      />
      {everyVariantOnDemoEngine(conversation, variants, engines.data?.engines) ? (
        <DemoEngineNote engines={engines.data?.engines} />
      ) : null}
      {kind === 'batch' ? (
        <Field
          id="concurrency"
          label="Runs at once"
          hint={`How many of this batch's runs may be queued or running at the same time (1–${EXPERIMENT_LIMITS.concurrency.max}).`}
          error={errors.concurrency}
        >
          <input
            id="concurrency"
            type="number"
            min={1}
            max={EXPERIMENT_LIMITS.concurrency.max}
            className={`${INPUT_CLASSES} max-w-32`}
            value={concurrency}
            aria-invalid={Boolean(errors.concurrency)}
            aria-describedby={describedBy('concurrency', { hint: true, error: errors.concurrency })}
            onChange={(event) => setConcurrency(event.target.value)}
          />
        </Field>
      ) : null}
      {/* On a phone the Start button stays at the bottom of the screen, not below every variant. */}
      <PhoneActionBar>
        <Button type="submit" variant="primary" className={cn(PHONE_ACTION_BUTTON_CLASSES, 'lg:w-auto')} busy={start.isPending}>
          {start.isPending ? 'Starting…' : kind === 'batch' ? 'Start the batch' : 'Start comparing'}
        </Button>
        {/* Said beside the button too: the first problem takes focus, but it may be far up the page. */}
        {problemCount > 0 ? (
          <p data-testid="start-problems" className="text-sm text-red-700 dark:text-red-300">
            {problemCount === 1 ? 'One thing to fix above first' : `${problemCount} things to fix above first`} (marked in red).
          </p>
        ) : null}
        {start.error &&
        (!(start.error instanceof ApiClientError) ||
          unmatched.length > 0 ||
          start.error.issues.length === 0) ? (
          <p role="alert" className="text-sm text-red-700 dark:text-red-300">
            The server refused the experiment: {start.error.message}
          </p>
        ) : null}
      </PhoneActionBar>
    </form>
  );
}
