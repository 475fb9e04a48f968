'use client';
// The builder: a form for every part of a dispatch request, validated by the one schema, with a live
// preview of the exact body, presets, import/export, code, drafts that survive reloads, and the
// Dispatch button (or Ctrl/Cmd+Enter) that sends it and opens the run's live view.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter, useSearchParams } from 'next/navigation';
import { useEffect, useMemo, useRef, useState } from 'react';
import { FormProvider, useForm, useWatch } from 'react-hook-form';
import { CompareButton } from '@/components/experiments/compare-button';
import { Button } from '@/components/ui/button';
import { ApiClientError, dispatchConversation } from '@/lib/client/api';
import { clearDraft, loadDraft, saveDraft } from '@/lib/client/builder-draft';
import { emptyBuilderForm, formToRequest, requestToForm, type BuilderForm } from '@/lib/client/builder-form';
import { takeBuilderHandoff } from '@/lib/client/builder-handoff';
import { builderResolver, validateBuilderForm } from '@/lib/client/builder-validation';
import { queryKeys } from '@/lib/client/keys';
import type { DispatchRequest } from '@/lib/dispatch/schema';
import { AttachmentsSection } from './attachments-section';
import { BackstorySection } from './backstory-section';
import { CodeDialog } from './code-dialog';
import { ContactSection } from './contact-section';
import { DatasetsSection } from './datasets-section';
import { ErrorSummary, flattenErrors } from './error-summary';
import { FeaturesSection } from './features-section';
import { FunctionsSection } from './functions-section';
import { checkImportedRequest, ImportDialog } from './import-dialog';
import { JsonPreview } from './json-preview';
import { MessagesSection } from './messages-section';
import { OptionsSection } from './options-section';
import { PresetsGallery } from './presets-gallery';
import { SkillsetsSection } from './skillsets-section';
import { TargetSection } from './target-section';

const browserTimezone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

function downloadJson(request: DispatchRequest) {
  const url = URL.createObjectURL(new Blob([JSON.stringify(request, null, 2)], { type: 'application/json' }));
  const link = Object.assign(document.createElement('a'), { href: url, download: 'dispatch-request.json' });
  link.click();
  URL.revokeObjectURL(url);
}

export function DispatchBuilder() {
  const router = useRouter();
  const searchParams = useSearchParams();
  const queryClient = useQueryClient();
  const form = useForm<BuilderForm>({ resolver: builderResolver, mode: 'onChange', defaultValues: emptyBuilderForm() });
  const { control, reset, handleSubmit, formState } = form;
  // Drafts are saved only after the start-up load, so the empty first render never overwrites one.
  const loaded = useRef(false);
  const formElement = useRef<HTMLFormElement>(null);
  const [dialog, setDialog] = useState<'import' | 'code' | undefined>();

  const loadRequest = (request: DispatchRequest) => reset(requestToForm(request, form.getValues('timezone') || browserTimezone()));

  // Start from a request handed over by "Continue", else the saved draft, else an empty form.
  useEffect(() => {
    const handedOver = searchParams.get('import') === '1' ? takeBuilderHandoff() : undefined;
    const checked = handedOver === undefined ? undefined : checkImportedRequest(JSON.stringify(handedOver));
    if (checked && 'request' in checked) reset(requestToForm(checked.request, browserTimezone()));
    else reset(loadDraft() ?? emptyBuilderForm(browserTimezone()));
    loaded.current = true;
    // Tells tests (and anyone scripting the page) that the start-up load is done.
    formElement.current?.setAttribute('data-ready', 'true');
  }, [reset, searchParams]);

  const values = useWatch({ control }) as BuilderForm;
  const preview = useMemo(() => formToRequest(values).request, [values]);
  useEffect(() => {
    if (!loaded.current) return;
    const timer = setTimeout(() => saveDraft(values), 250);
    return () => clearTimeout(timer);
  }, [values]);

  const dispatch = useMutation({
    mutationFn: ({ request, timezone }: { request: DispatchRequest; timezone: string }) => dispatchConversation(request, timezone),
    onSuccess: ({ channelId }) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.runs.all });
      router.push(`/runs/${encodeURIComponent(channelId)}`);
    },
  });
  const submit = handleSubmit((valid) => {
    const { request } = validateBuilderForm(valid);
    if (request) dispatch.mutate({ request: formToRequest(valid).request, timezone: valid.timezone || browserTimezone() });
  });

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        void submit();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [submit]);

  const errors = formState.submitCount > 0 ? flattenErrors(formState.errors) : [];
  const serverError = dispatch.error instanceof ApiClientError ? dispatch.error : undefined;

  return (
    <FormProvider {...form}>
      <div className="space-y-5">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <div>
            <h1 className="text-2xl font-semibold">Builder</h1>
            <p className="text-sm text-zinc-600 dark:text-zinc-400">Compose a conversation, dispatch it, and watch it run.</p>
          </div>
          <div className="flex flex-wrap gap-2">
            <Button
              onClick={() => {
                clearDraft();
                reset(emptyBuilderForm(browserTimezone()));
                dispatch.reset();
              }}
            >
              New
            </Button>
            <Button onClick={() => setDialog('import')}>Import</Button>
            <Button onClick={() => downloadJson(preview)}>Export</Button>
            <Button onClick={() => setDialog('code')}>Code</Button>
            <CompareButton />
          </div>
        </div>
        <PresetsGallery onUse={(preset) => loadRequest(preset.request)} />
        <form ref={formElement} noValidate aria-label="Dispatch request" onSubmit={submit} className="grid grid-cols-[minmax(0,1fr)] gap-5 lg:grid-cols-[minmax(0,1fr)_minmax(0,26rem)]">
          <div className="space-y-3">
            <MessagesSection />
            <TargetSection />
            <BackstorySection />
            <DatasetsSection />
            <FunctionsSection />
            <SkillsetsSection />
            <FeaturesSection />
            <AttachmentsSection />
            <ContactSection />
            <OptionsSection />
          </div>
          <aside className="space-y-3 lg:sticky lg:top-4 lg:self-start">
            <div className="space-y-2 rounded-lg border border-zinc-200 p-3 dark:border-zinc-800">
              <Button type="submit" variant="primary" className="w-full" disabled={dispatch.isPending}>
                {dispatch.isPending ? 'Dispatching…' : 'Dispatch'}
              </Button>
              <p className="text-center text-xs text-zinc-500">or press Ctrl/⌘ + Enter</p>
              <ErrorSummary errors={errors} />
              {dispatch.error ? (
                <div role="alert" className="text-sm text-red-700 dark:text-red-300">
                  <p>The server refused the request: {dispatch.error.message}</p>
                  {serverError?.issues.map((issue) => (
                    <p key={issue.path}>
                      <code>{issue.path}</code>: {issue.message}
                    </p>
                  ))}
                </div>
              ) : null}
            </div>
            <JsonPreview request={preview} />
          </aside>
        </form>
      </div>
      <ImportDialog
        open={dialog === 'import'}
        onClose={() => setDialog(undefined)}
        onImport={(request) => {
          loadRequest(request);
          setDialog(undefined);
        }}
      />
      <CodeDialog open={dialog === 'code'} onClose={() => setDialog(undefined)} request={preview} timezone={values.timezone || 'UTC'} />
    </FormProvider>
  );
}
