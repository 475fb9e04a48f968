'use client';
// Bot or model: which engine answers, with the model's settings. The model field offers the engines
// this server has configured (GET /api/engines).
import { useFormContext, useWatch } from 'react-hook-form';
import type { BuilderForm } from '@/lib/client/builder-form';
import { useEngines } from '@/lib/client/use-engines';
import { defaultEngineMeaning, enginesNotSetUp, modelExample, modelExamples, modelFieldHint } from '@/lib/client/model-route';
import { BuilderSection } from './builder-section';
import { CheckboxField, SelectField, TextField } from './form-fields';

/** A long model string would push the section's title aside: the header shows its start. */
const shortened = (text: string) => (text.length > 32 ? `${text.slice(0, 31)}…` : text);

const TARGETS = [
  { value: 'model', label: 'A model' },
  { value: 'bot', label: 'A ChatBotKit bot (bot id)' },
];

export function TargetSection() {
  const { control } = useFormContext<BuilderForm>();
  const target = useWatch({ control, name: 'target' });
  const model = useWatch({ control, name: 'model' });
  const botId = useWatch({ control, name: 'botId' });
  const engines = useEngines();
  // What answers when the field is left empty, in words: the server's default engine (and its model).
  const defaultEngine = engines.data?.engines.find((engine) => engine.isDefault);
  const serverDefault = defaultEngine ? `Server default (${modelExample(defaultEngine)})` : 'Server default';
  const summary =
    target === 'bot' ? (botId?.trim() ? `Bot ${shortened(botId.trim())}` : 'No bot id yet') : model?.trim() ? shortened(model.trim()) : serverDefault;
  const hint = modelFieldHint(model, engines.data?.engines, defaultEngineMeaning(engines.data?.engines));
  const notSetUp = enginesNotSetUp(engines.data?.engines);

  return (
    <BuilderSection id="section-model" title="Bot or model" summary={summary}>
      <SelectField name="target" label="Answer with" options={TARGETS} />
      {target === 'bot' ? (
        <TextField name="botId" label="Bot id" mono placeholder="The id of a ChatBotKit bot" />
      ) : (
        <>
          <div className="grid gap-3 sm:grid-cols-3">
            <TextField name="model" label="Model" list="engine-models" mono hint={hint} placeholder={serverDefault} className="sm:col-span-3" />
            <datalist id="engine-models">
              {modelExamples(engines.data?.engines).map((example) => (
                <option key={example} value={example} />
              ))}
            </datalist>
            <TextField name="modelSettings.temperature" label="Temperature" inputMode="decimal" placeholder="0.7" />
            <TextField name="modelSettings.maxTokens" label="Max tokens" inputMode="numeric" />
            <TextField name="datasetId" label="Dataset id" mono hint="A dataset kept in ChatBotKit, for the bot to look things up in (optional)" />
            <TextField name="skillsetId" label="Skillset id" mono hint="A skillset kept in ChatBotKit: abilities the bot may use (optional)" />
            <TextField
              name="backstory"
              label="Backstory sent with these settings (optional)"
              rows={2}
              className="sm:col-span-3"
              hint="Most conversations need only the Backstory section below."
            />
          </div>
          <div className="grid gap-3 sm:grid-cols-2">
            <CheckboxField name="privacy" label="Privacy mode" hint="ChatBotKit turns on its privacy features for the conversation" />
            <CheckboxField name="moderation" label="Moderation" hint="ChatBotKit checks the conversation for harmful content" />
          </div>
          {notSetUp.names.length > 0 ? (
            <div className="text-xs text-zinc-500">
              <p>Not set up on this server: {notSetUp.names.join(', ')}.</p>
              <details className="mt-1">
                <summary className="cursor-pointer pointer-coarse:py-3.5">How to turn {notSetUp.names.length === 1 ? 'it' : 'them'} on</summary>
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
