'use client';
import { useFormContext, useWatch } from 'react-hook-form';
import type { BuilderForm } from '@/lib/client/builder-form';
import { MESSAGE_TYPES } from '@/lib/dispatch/schema';
import { BuilderSection } from './builder-section';
import { ExtraDataFold } from './extra-data-fold';
import { SelectField, TextField } from './form-fields';
import { ItemList, useListLength } from './item-list';

/** What each type of message is, in plain words (how engines pass it on: lib/engines/openai/messages.ts). */
const MESSAGE_TYPE_MEANINGS: Record<(typeof MESSAGE_TYPES)[number], string> = {
  user: 'What the person says.',
  bot: 'What the bot said earlier in the conversation.',
  reasoning: 'The bot’s own notes; not sent to the model again.',
  context: 'Background the bot should know, such as a customer’s details.',
  instruction: 'A rule the bot must follow.',
  backstory: 'Who the bot is and how it speaks.',
  activity: 'Something that happened, such as a function being called.',
  checkpoint: 'A summary of the conversation so far.',
};

function MessageTypeField({ index }: { index: number }) {
  const { control } = useFormContext<BuilderForm>();
  const type = useWatch({ control, name: `messages.${index}.type` });
  return (
    <SelectField
      name={`messages.${index}.type`}
      label="Type"
      options={MESSAGE_TYPES}
      hint={MESSAGE_TYPE_MEANINGS[type as (typeof MESSAGE_TYPES)[number]]}
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
