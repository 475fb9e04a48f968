'use client';
import { useFieldArray, useFormContext } from 'react-hook-form';
import { Button } from '@/components/ui/button';
import type { BuilderForm } from '@/lib/client/builder-form';
import { MESSAGE_TYPES } from '@/lib/dispatch/schema';
import { BuilderSection, ItemCard, ItemControls } from './builder-section';
import { GroupError, SelectField, TextField } from './form-fields';

export function MessagesSection() {
  const { control } = useFormContext<BuilderForm>();
  const messages = useFieldArray({ control, name: 'messages' });
  return (
    <BuilderSection id="section-messages" title="Messages" summary={`${messages.fields.length}`} open>
      <GroupError name="messages" />
      {messages.fields.map((field, index) => (
        <ItemCard
          key={field.id}
          title={`Message ${index + 1}`}
          controls={
            <ItemControls label={`message ${index + 1}`} index={index} count={messages.fields.length} onMove={messages.move} onRemove={() => messages.remove(index)} />
          }
        >
          <div className="grid gap-3 sm:grid-cols-[10rem_1fr]">
            <SelectField name={`messages.${index}.type`} label="Type" options={MESSAGE_TYPES} />
            <TextField name={`messages.${index}.text`} label="Text" rows={3} />
          </div>
          <TextField name={`messages.${index}.meta`} label="Meta (JSON object, optional)" rows={2} mono placeholder='{"source": "web"}' />
        </ItemCard>
      ))}
      <Button onClick={() => messages.append({ type: 'user', text: '', meta: '' })}>Add message</Button>
    </BuilderSection>
  );
}
