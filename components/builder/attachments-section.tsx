'use client';
import { useFieldArray, useFormContext } from 'react-hook-form';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { LIST_ITEM_FOCUS_CLASSES, listAddProps, listItemProps } from '@/components/ui/list-focus';
import type { BuilderForm } from '@/lib/client/builder-form';
import { BuilderSection, ItemControls } from './builder-section';
import { useRemoveItem } from './builder-undo';
import { GroupError, TextField } from './form-fields';

export function AttachmentsSection() {
  const { control } = useFormContext<BuilderForm>();
  const attachments = useFieldArray({ control, name: 'attachments' });
  const remove = useRemoveItem('attachments', attachments, () => ({ url: '' }));
  return (
    <BuilderSection id="section-attachments" title="Attachments" summary={`${attachments.fields.length}`}>
      <p className="text-xs text-zinc-500">Links passed to the engine; the server never downloads them.</p>
      <GroupError name="attachments" />
      {attachments.fields.map((field, index) => (
        <div key={field.id} role="group" aria-label={`Attachment ${index + 1}`} {...listItemProps('attachments')} className={cn('flex items-end gap-2 rounded-md', LIST_ITEM_FOCUS_CLASSES)}>
          <TextField name={`attachments.${index}.url`} label={`Attachment ${index + 1} URL`} type="url" placeholder="https://example.com/file.pdf" className="flex-1" />
          <ItemControls label={`attachment ${index + 1}`} index={index} count={attachments.fields.length} onRemove={() => remove(index)} />
        </div>
      ))}
      <Button {...listAddProps('attachments')} onClick={() => attachments.append({ url: '' })}>
        Add attachment
      </Button>
    </BuilderSection>
  );
}
