'use client';
// The builder's "Compare" button: checks the conversation like Dispatch does, then hands it to
// /experiments/new to be sent to several variants side by side. `check` is the builder's own check, which
// shows the form's problems as Dispatch does (the summary saying they stop the comparison).
import { useRouter } from 'next/navigation';
import { Button } from '@/components/ui/button';
import { handOffToExperiment } from '@/lib/client/experiments-api';
import type { DispatchRequest } from '@/lib/dispatch/schema';

export function CompareButton({ check }: { check: () => DispatchRequest | undefined }) {
  const router = useRouter();
  const compare = () => {
    const request = check();
    if (!request) return;
    handOffToExperiment(request);
    router.push('/experiments/new');
  };
  return <Button onClick={compare}>Compare</Button>;
}
