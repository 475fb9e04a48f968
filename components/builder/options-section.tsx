'use client';
import { BuilderSection } from './builder-section';
import { REQUEST_DEFAULTS } from '@/lib/request-defaults';
import { TextField } from './form-fields';

export function OptionsSection() {
  return (
    <BuilderSection id="section-options" title="Limits, channel and timezone">
      <div className="grid gap-3 sm:grid-cols-3">
        <TextField
          name="limits.iterations"
          label="Max iterations"
          inputMode="numeric"
          hint={`Rounds the bot may take to reply, calling functions in between; ${REQUEST_DEFAULTS.limits.iterations} when empty`}
        />
        <TextField
          name="limits.continuations"
          label="Max continuations"
          inputMode="numeric"
          hint="Times a reply cut off by its length is carried on (ChatBotKit only)"
        />
        <TextField
          name="limits.calls"
          label="Max function calls"
          inputMode="numeric"
          hint={`Functions the bot may call in one run; ${REQUEST_DEFAULTS.limits.calls} when empty`}
        />
        <TextField
          name="channelId"
          label="Channel id (optional)"
          mono
          hint="The address the run's progress is read from. Letters, digits, _ or -; a new one is made when empty, which is what most runs want"
          className="sm:col-span-2"
        />
        <TextField
          name="timezone"
          label="Timezone"
          hint="Where the person is, for answers about the date and time, e.g. Europe/Paris"
        />
      </div>
    </BuilderSection>
  );
}
