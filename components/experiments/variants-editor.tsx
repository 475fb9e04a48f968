'use client';
// The 2–4 variants an experiment compares: each a name, a model (empty keeps the request's own) and
// optionally another backstory.
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { focusListAfterRemoval, LIST_ITEM_FOCUS_CLASSES, listAddProps, listItemProps } from '@/components/ui/list-focus';
import { describedBy, Field, INPUT_CLASSES, TextAreaField } from '@/components/ui/field';
import { EXPERIMENT_LIMITS, type ExperimentVariant } from '@/lib/experiments/schema';
import { nextVariantLabel, sameName, variantName } from '@/lib/experiments/variant-names';

interface VariantsEditorProps {
  variants: ExperimentVariant[];
  onChange: (variants: ExperimentVariant[]) => void;
  /** Errors by field path (`variants.1.model`). */
  errors: Record<string, string>;
  /** The hint under a variant's model field, for what is typed there. */
  modelHint: (model: string | undefined) => string;
  /** Two variants that would send the same request (lib/experiments/cell-request.ts), if any. */
  alike?: [number, number];
  /** What each variant answers: the one conversation or question (compare) or every input of a file (batch). */
  answers: 'conversation' | 'question' | 'inputs';
  /** Whether a conversation came from the builder, so an empty backstory keeps its backstory. */
  fromConversation: boolean;
}

/** The variants as a list whose items focus can land on (components/ui/list-focus.ts). */
const VARIANTS_LIST = 'variants';

/** "Name" on screen, inside the card headed with the variant's name; "Local › Name" for a screen reader and in error lists. */
const labelIn = (name: string, field: string) => (
  <>
    <span className="sr-only">{name} › </span>
    {field}
  </>
);

export function VariantsEditor({ variants, onChange, errors, modelHint, alike, answers, fromConversation }: VariantsEditorProps) {
  const update = (index: number, patch: Partial<ExperimentVariant>) =>
    onChange(variants.map((variant, at) => (at === index ? { ...variant, ...patch } : variant)));
  return (
    <fieldset className="space-y-3">
      <legend className="text-base font-semibold">Variants</legend>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        {answers === 'inputs'
          ? 'Each variant answers every input of the file, so each input gets one answer per variant.'
          : `Each variant answers the same ${answers}.`}{' '}
        Change the model, the backstory, or both.
      </p>
      {errors.variants ? (
        <p role="alert" className="text-sm text-red-600 dark:text-red-400">
          {errors.variants}
        </p>
      ) : null}
      <div className="grid gap-3 md:grid-cols-2">
        {variants.map((variant, index) => {
          const id = `variant-${index}`;
          const modelError = errors[`variants.${index}.model`];
          const modelHintNow = modelHint(variant.model);
          // The card is headed with the name the variant goes by everywhere: columns, grid, warnings.
          const name = variantName(variant, index);
          return (
            <div
              key={index}
              className={cn('space-y-2 rounded-lg border border-zinc-200 p-3 dark:border-zinc-800', LIST_ITEM_FOCUS_CLASSES)}
              role="group"
              aria-labelledby={`${id}-heading`}
              {...listItemProps(VARIANTS_LIST)}
            >
              <div className="flex items-center justify-between gap-2">
                <h3 id={`${id}-heading`} className="min-w-0 text-sm font-semibold break-words">
                  {name}
                </h3>
                {variants.length > EXPERIMENT_LIMITS.variants.min ? (
                  <Button
                    size="sm"
                    variant="ghost"
                    onClick={() => {
                      onChange(variants.filter((_, at) => at !== index));
                      focusListAfterRemoval(VARIANTS_LIST, index);
                    }}
                  >
                    Remove <span className="sr-only">“{name}”</span>
                  </Button>
                ) : null}
              </div>
              <Field
                id={`${id}-label`}
                label={labelIn(name, 'Name')}
                error={errors[`variants.${index}.label`]}
              >
                <input
                  id={`${id}-label`}
                  className={INPUT_CLASSES}
                  value={variant.label}
                  aria-invalid={Boolean(errors[`variants.${index}.label`])}
                  aria-describedby={describedBy(`${id}-label`, { error: errors[`variants.${index}.label`] })}
                  onChange={(event) => update(index, { label: event.target.value })}
                />
              </Field>
              <Field
                id={`${id}-model`}
                label={labelIn(name, 'Model')}
                hint={modelHintNow}
                error={modelError}
              >
                <input
                  id={`${id}-model`}
                  className={INPUT_CLASSES}
                  value={variant.model ?? ''}
                  placeholder={fromConversation ? "Same model as the conversation" : "The default engine"}
                  aria-invalid={Boolean(modelError)}
                  aria-describedby={describedBy(`${id}-model`, { hint: modelHintNow, error: modelError })}
                  onChange={(event) => update(index, { model: event.target.value })}
                />
              </Field>
              <TextAreaField
                id={`${id}-backstory`}
                label={labelIn(name, 'Backstory')}
                hint={fromConversation ? "Leave empty to keep the conversation's backstory." : 'Leave empty for no backstory.'}
                value={variant.backstory ?? ''}
                onText={(backstory) => update(index, { backstory })}
              />
            </div>
          );
        })}
      </div>
      {alike ? (
        <p className="text-sm text-amber-800 dark:text-amber-200" data-testid="alike-variants">
          {twoVariantsNamed(variants, alike)} have the same model and backstory, so
          their answers will be alike. Change the model or the backstory of one of them to compare something.
        </p>
      ) : null}
      {variants.length < EXPERIMENT_LIMITS.variants.max ? (
        <Button
          {...listAddProps(VARIANTS_LIST)}
          onClick={() => {
            onChange([...variants, { label: nextVariantLabel(variants), model: '', backstory: '' }]);
            // The new variant is filled in next: its name first (the Add button may go, at the most variants).
            const added = variants.length;
            requestAnimationFrame(() => document.getElementById(`variant-${added}-label`)?.focus());
          }}
        >
          Add a variant
        </Button>
      ) : null}
    </fieldset>
  );
}

/** “Brief” and “Plain”; by their places (“Variants 1 and 2”) while both go by the same name. */
function twoVariantsNamed(variants: ExperimentVariant[], [first, second]: [number, number]): string {
  const [a, b] = [variantName(variants[first], first), variantName(variants[second], second)];
  return sameName(a, b) ? `Variants ${first + 1} and ${second + 1}` : `“${a}” and “${b}”`;
}
