'use client';
// Bot or model: which engine answers, with the model's settings. The model field offers the engines
// this server has configured (GET /api/engines).
import { useFormContext, useWatch } from 'react-hook-form';
import type { BuilderForm } from '@/lib/client/builder-form';
import { useEngines } from '@/lib/client/use-engines';
import { defaultEngineMeaning, enginesNotSetUp, modelExamples, modelFieldHint } from '@/lib/client/model-route';
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
  const engines = useEngines();
  const hint = modelFieldHint(model, engines.data?.engines, defaultEngineMeaning(engines.data?.engines));
  const notSetUp = enginesNotSetUp(engines.data?.engines);

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
              {modelExamples(engines.data?.engines).map((example) => (
                <option key={example} value={example} />
              ))}
            </datalist>
            <TextField name="modelSettings.temperature" label="Temperature" inputMode="decimal" placeholder="0.7" />
            <TextField name="modelSettings.maxTokens" label="Max tokens" inputMode="numeric" />
            <TextField name="datasetId" label="Dataset id" mono />
            <TextField name="skillsetId" label="Skillset id" mono />
            <TextField
              name="backstory"
              label="Backstory sent with these settings (optional)"
              rows={2}
              className="sm:col-span-3"
              hint="Most conversations need only the Backstory section below."
            />
          </div>
          <div className="flex flex-wrap gap-4">
            <CheckboxField name="privacy" label="Privacy mode" />
            <CheckboxField name="moderation" label="Moderation" />
          </div>
          {notSetUp.names.length > 0 ? (
            <div className="text-xs text-zinc-500">
              <p>Not set up on this server: {notSetUp.names.join(', ')}.</p>
              <details className="mt-1">
                <summary className="cursor-pointer">How to turn {notSetUp.names.length === 1 ? 'it' : 'them'} on</summary>
                <p className="mt-1">Whoever runs the server sets these, then restarts it:</p>
                <ul className="mt-1 list-disc pl-5 font-mono break-words">
                  {notSetUp.settings.map((setting) => (
                    <li key={setting}>{setting}</li>
                  ))}
                </ul>
              </details>
            </div>
          ) : null}
        </>
      )}
    </BuilderSection>
  );
}
