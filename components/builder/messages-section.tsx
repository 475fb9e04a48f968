'use client';
import { useFormContext, useWatch } from 'react-hook-form';
import type { BuilderForm } from '@/lib/client/builder-form';
import { MESSAGE_TYPE_WORDS, type MessageType } from '@/components/ui/plain-terms';
import { MESSAGE_TYPES } from '@/lib/dispatch/schema';
import { BuilderSection } from './builder-section';
import { ExtraDataFold } from './extra-data-fold';
import { SelectField, TextField } from './form-fields';
import { ItemList, useListLength } from './item-list';

const MESSAGE_TYPE_OPTIONS = MESSAGE_TYPES.map((value) => ({ value, label: MESSAGE_TYPE_WORDS[value].label }));

function MessageTypeField({ index }: { index: number }) {
  const { control } = useFormContext<BuilderForm>();
  const type = useWatch({ control, name: `messages.${index}.type` });
  return (
    <SelectField
      name={`messages.${index}.type`}
      label="Type"
      options={MESSAGE_TYPE_OPTIONS}
      hint={MESSAGE_TYPE_WORDS[type as MessageType]?.meaning}
    />
  );
}

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
              <MessageTypeField index={index} />
              <TextField name={`messages.${index}.text`} label="Text" rows={3} />
            </div>
            <ExtraDataFold name={`messages.${index}.meta`}>
              <TextField
                name={`messages.${index}.meta`}
                label="Meta (JSON object)"
                hint="Data about this message for the programs that read the conversation, as a JSON object."
                rows={2}
                mono
                placeholder='{"source": "web"}'
              />
            </ExtraDataFold>
          </>
        )}
      />
    </BuilderSection>
  );
}
