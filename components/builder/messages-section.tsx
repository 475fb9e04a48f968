'use client';
import { useFormContext, useWatch } from 'react-hook-form';
import type { BuilderForm } from '@/lib/client/builder-form';
import { MESSAGE_TYPES } from '@/lib/dispatch/schema';
import { BuilderSection } from './builder-section';
import { ExtraDataFold } from './extra-data-fold';
import { SelectField, TextField } from './form-fields';
import { ItemList, useListLength } from './item-list';

type MessageType = (typeof MESSAGE_TYPES)[number];

/**
 * Each type of message in plain words: its name in the list and what it is (how engines pass it on:
 * lib/engines/openai/messages.ts). The request keeps its own word (the option's value, and the preview).
 */
const MESSAGE_TYPE_WORDS: Record<MessageType, { label: string; meaning: string }> = {
  user: { label: 'Person', meaning: 'What the person says.' },
  bot: { label: 'Bot', meaning: 'What the bot said earlier in the conversation.' },
  reasoning: { label: 'Bot’s notes', meaning: 'The bot’s own notes; not sent to the model again.' },
  context: { label: 'Background', meaning: 'Background the bot should know, such as a customer’s details.' },
  instruction: { label: 'Rule', meaning: 'A rule the bot must follow.' },
  backstory: { label: 'Backstory', meaning: 'Who the bot is and how it speaks.' },
  activity: { label: 'What happened', meaning: 'Something that happened, such as a function being called.' },
  checkpoint: { label: 'Summary so far', meaning: 'A summary of the conversation so far.' },
};

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
