'use client';
// The builder's "Compare" button: checks the conversation like Dispatch does, then hands it to
// /experiments/new to be sent to several variants side by side.
import { useRouter } from 'next/navigation';
import { useFormContext } from 'react-hook-form';
import { Button } from '@/components/ui/button';
import type { BuilderForm } from '@/lib/client/builder-form';
import { validateBuilderForm } from '@/lib/client/builder-validation';
import { handOffToExperiment } from '@/lib/client/experiments-api';

export function CompareButton() {
  const router = useRouter();
  const { handleSubmit } = useFormContext<BuilderForm>();
  const compare = handleSubmit((valid) => {
    const { request } = validateBuilderForm(valid);
    if (!request) return;
    handOffToExperiment(request);
    router.push('/experiments/new');
  });
  return <Button onClick={() => void compare()}>Compare</Button>;
}
