'use client';
// The builder's "Compare" button: checks the conversation like Dispatch does, then hands it to
// /experiments/new to be sent to several variants side by side. When the form has problems it lets
// the builder show them (`onInvalid`), as Dispatch would.
import { useRouter } from 'next/navigation';
import { useFormContext } from 'react-hook-form';
import { Button } from '@/components/ui/button';
import type { BuilderForm } from '@/lib/client/builder-form';
import { validateBuilderForm } from '@/lib/client/builder-validation';
import { handOffToExperiment } from '@/lib/client/experiments-api';

export function CompareButton({ onInvalid }: { onInvalid: () => void }) {
  const router = useRouter();
  const { getValues } = useFormContext<BuilderForm>();
  const compare = () => {
    const { request } = validateBuilderForm(getValues());
    if (!request) return onInvalid();
    handOffToExperiment(request);
    router.push('/experiments/new');
  };
  return <Button onClick={compare}>Compare</Button>;
}
