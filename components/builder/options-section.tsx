'use client';
import { BuilderSection } from './builder-section';
import { TextField } from './form-fields';

export function OptionsSection() {
  return (
    <BuilderSection id="section-options" title="Limits, channel and timezone">
      <div className="grid gap-3 sm:grid-cols-3">
        <TextField name="limits.iterations" label="Max iterations" inputMode="numeric" />
        <TextField name="limits.continuations" label="Max continuations" inputMode="numeric" />
        <TextField name="limits.calls" label="Max function calls" inputMode="numeric" />
        <TextField name="channelId" label="Channel id (optional)" mono hint="Letters, digits, _ or -; a new one is made when empty" className="sm:col-span-2" />
        <TextField name="timezone" label="Timezone" hint="Sent as X-Timezone" />
      </div>
    </BuilderSection>
  );
}
