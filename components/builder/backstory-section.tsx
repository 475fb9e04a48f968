'use client';
import { BuilderSection } from './builder-section';
import { TextField } from './form-fields';

export function BackstorySection() {
  return (
    <BuilderSection id="section-backstory" title="Backstory">
      <TextField name="extensions.backstory" label="Backstory" rows={4} hint="Who the bot is and how it should behave" />
    </BuilderSection>
  );
}
