'use client';
// Bot or model: which engine answers, with the model's settings. The model field offers the engines
// this server has configured (GET /api/engines).
import { useQuery } from '@tanstack/react-query';
import { useFormContext, useWatch } from 'react-hook-form';
import { getEngines } from '@/lib/client/api';
import type { BuilderForm } from '@/lib/client/builder-form';
import { queryKeys } from '@/lib/client/keys';
import { unnamedEngineNote } from '@/lib/client/model-route';
import { BuilderSection } from './builder-section';
import { CheckboxField, SelectField, TextField } from './form-fields';

const TARGETS = [
  { value: 'model', label: 'A model' },
  { value: 'bot', label: 'A ChatBotKit bot (bot id)' },
];

export function TargetSection() {
  const { control } = useFormContext<BuilderForm>();
  const target = useWatch({ control, name: 'target' });
  const model = useWatch({ control, name: 'model' });
  const engines = useQuery({ queryKey: queryKeys.engines, queryFn: getEngines, staleTime: 60_000 });
  const configured = engines.data?.engines.filter((engine) => engine.configured) ?? [];
  const missing = engines.data?.engines.filter((engine) => !engine.configured) ?? [];
  const hint =
    unnamedEngineNote(model, engines.data?.engines) ??
    (configured.length > 0
      ? `Configured here: ${configured.map((engine) => engine.name).join(', ')}. Empty means the default engine.`
      : 'Empty means the default engine.');

  return (
    <BuilderSection id="section-model" title="Bot or model" summary={target === 'bot' ? 'bot' : 'model'}>
      <SelectField name="target" label="Answer with" options={TARGETS} />
      {target === 'bot' ? (
        <TextField name="botId" label="Bot id" mono />
      ) : (
        <>
          <div className="grid gap-3 sm:grid-cols-3">
            <TextField name="model" label="Model" list="engine-models" mono hint={hint} className="sm:col-span-3" />
            <datalist id="engine-models">
              {configured.map((engine) => (
                <option key={engine.name} value={engine.name === 'local' ? 'local' : `${engine.name}/${engine.defaultModel ?? ''}`} />
              ))}
            </datalist>
            <TextField name="modelSettings.temperature" label="Temperature" inputMode="decimal" placeholder="0.7" />
            <TextField name="modelSettings.maxTokens" label="Max tokens" inputMode="numeric" />
            <TextField name="datasetId" label="Dataset id" mono />
            <TextField name="skillsetId" label="Skillset id" mono />
            <TextField
              name="backstory"
              label="Extra backstory (optional)"
              rows={2}
              className="sm:col-span-3"
              hint="Sent as the request's own backstory field; the Backstory section below is usually what you want"
            />
          </div>
          <div className="flex flex-wrap gap-4">
            <CheckboxField name="privacy" label="Privacy mode" />
            <CheckboxField name="moderation" label="Moderation" />
          </div>
          {missing.length > 0 ? (
            <p className="text-xs text-zinc-500">
              Not set up on this server: {missing.map((engine) => engine.name).join(', ')}. Whoever runs the server can turn{' '}
              {missing.length === 1 ? 'it' : 'them'} on with {missing.map((engine) => engine.requires ?? `the ${engine.name} settings`).join('; ')}.
            </p>
          ) : null}
        </>
      )}
    </BuilderSection>
  );
}
