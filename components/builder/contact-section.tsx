'use client';
import { useFormContext, useWatch } from 'react-hook-form';
import type { BuilderForm } from '@/lib/client/builder-form';
import { BuilderSection } from './builder-section';
import { ExtraDataFold } from './extra-data-fold';
import { SelectField, TextField } from './form-fields';

const CONTACT_MODES = [
  { value: 'none', label: 'No contact' },
  { value: 'id', label: 'An existing contact id' },
  { value: 'details', label: 'Contact details (fingerprint, name…)' },
];

export function ContactSection() {
  const { control } = useFormContext<BuilderForm>();
  const mode = useWatch({ control, name: 'contact.mode' });
  return (
    <BuilderSection id="section-contact" title="Contact" summary={mode === 'none' ? 'none' : mode}>
      <SelectField name="contact.mode" label="Contact" options={CONTACT_MODES} />
      {mode === 'id' ? <TextField name="contact.id" label="Contact id" /> : null}
      {mode === 'details' ? (
        <div className="grid gap-3 sm:grid-cols-2">
          <TextField name="contact.fingerprint" label="Fingerprint" hint="Your stable id for this person" />
          <TextField name="contact.name" label="Name" />
          <TextField name="contact.email" label="Email" type="email" />
          <TextField name="contact.phone" label="Phone" type="tel" />
          <TextField name="contact.nick" label="Nick" />
          <TextField name="contact.description" label="Description" />
          <div className="sm:col-span-2">
            <ExtraDataFold name="contact.meta">
              <TextField name="contact.meta" label="Meta (JSON object)" rows={2} mono />
            </ExtraDataFold>
          </div>
        </div>
      ) : null}
    </BuilderSection>
  );
}
