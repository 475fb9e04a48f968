'use client';
import { MESSAGE_TYPES } from '@/lib/dispatch/schema';
import { BuilderSection } from './builder-section';
import { SelectField, TextField } from './form-fields';
import { ItemList, useListLength } from './item-list';

export function MessagesSection() {
  const count = useListLength('messages');
  return (
    <BuilderSection id="section-messages" title="Messages" summary={`${count}`} open>
      <ItemList
        name="messages"
        itemTitle="Message"
        addLabel="Add message"
        reorderable
        newItem={() => ({ type: 'user' as const, text: '', meta: '' })}
        renderItem={(index) => (
          <>
            <div className="grid gap-3 sm:grid-cols-[10rem_1fr]">
              <SelectField name={`messages.${index}.type`} label="Type" options={MESSAGE_TYPES} />
              <TextField name={`messages.${index}.text`} label="Text" rows={3} />
            </div>
            <TextField name={`messages.${index}.meta`} label="Meta (JSON object, optional)" rows={2} mono placeholder='{"source": "web"}' />
          </>
        )}
      />
    </BuilderSection>
  );
}
