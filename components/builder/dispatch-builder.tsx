'use client';
// The builder: a form for every part of a dispatch request, checked in one pass by the one schema, with
// a live preview of the exact body, presets, a library, import/export, code, a draft that survives
// reloads, and the Dispatch button (or Ctrl/Cmd+Enter) that sends it and opens the run's live view.
import { useMutation } from '@tanstack/react-query';
import { useSearchParams } from 'next/navigation';
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { CompareButton } from '@/components/experiments/compare-button';
import { FormProvider, useForm, useWatch, type Path } from 'react-hook-form';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { focusListItem } from '@/components/ui/list-focus';
import { PageToast } from '@/components/ui/toast-stack';
import { PHONE_ACTION_BAR_ROOM, PHONE_ACTION_BUTTON_CLASSES, PhoneActionBar } from '@/components/ui/phone-action-bar';
import { dispatchConversation } from '@/lib/client/api';
import { isBlankItem } from '@/lib/client/blank-item';
import {
  clearDraft,
  saveDraft,
  saveShownProblemPaths,
  saveSummaryShown,
  type BlockedAction,
} from '@/lib/client/builder-draft';
import { labelOf } from '@/lib/client/builder-fields';
import { BUILDER_FILE_NAME, builderFileText, type BuilderFile } from '@/lib/client/builder-file';
import { exportedNotice } from '@/lib/client/refused-fields';
import { emptyBuilderForm, formToRequest, isBlankForm, requestToForm, type BuilderForm } from '@/lib/client/builder-form';
import { settleBuilderHandoff } from '@/lib/client/builder-handoff';
import { startingBuilderForm } from '@/lib/client/builder-start';
import { checkConvertedForm, orderProblems, validateBuilderForm } from '@/lib/client/builder-validation';
import { shiftListPaths, type ListChange } from '@/lib/client/list-paths';
import { serverProblemsOf, standingProblems, type ServerProblem } from '@/lib/client/server-problems';
import { useDebouncedSave } from '@/lib/client/use-debounced-save';
import { answeredByDemoEngine } from '@/lib/client/model-route';
import { useEngines } from '@/lib/client/use-engines';
import { useScrollKeptOnReload } from '@/lib/client/use-scroll-kept-on-reload';
import type { DispatchRequest } from '@/lib/dispatch/schema';
import { AttachmentsSection } from './attachments-section';
import { BackstorySection } from './backstory-section';
import { BuilderProblemsContext } from './builder-problems';
import { BuilderUndoContext, type ListOperations } from './builder-undo';
import { CodeDialog } from './code-dialog';
import { ContactSection } from './contact-section';
import { DatasetsSection } from './datasets-section';
import { ErrorSummary, openFoldsWithProblems } from './error-summary';
import { FeaturesSection } from './features-section';
import { FunctionsSection } from './functions-section';
import { dismissGuidedStart, GuidedStart, guidedStartDismissed } from './guided-start';
import { ImportDialog } from './import-dialog';
import { JsonPreview } from './json-preview';
import { MessagesSection } from './messages-section';
import { OptionsSection } from './options-section';
import { PresetsGallery } from './presets-gallery';
import { SkillsetsSection } from './skillsets-section';
import { TargetSection } from './target-section';
import { useOpenNewRun } from '@/lib/client/use-open-new-run';

// A blank form is not worth keeping (and must not count as a draft, which would hide the guided start).
const keepDraft = (form: BuilderForm) => (isBlankForm(form) ? clearDraft() : saveDraft(form));

const browserTimezone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

function downloadFile(text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = Object.assign(document.createElement('a'), { href: url, download: BUILDER_FILE_NAME });
  link.click();
  URL.revokeObjectURL(url);
}

function Heading({ children }: { children?: React.ReactNode }) {
  return (
    <div className="flex flex-wrap items-center justify-between gap-3">
      <div>
        <h1 className="text-2xl font-semibold">Builder</h1>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">Compose a conversation, dispatch it, and watch it run.</p>
      </div>
      {children}
    </div>
  );
}

const subscribeNothing = () => () => undefined;

/** A place where Ctrl/⌘+Z undoes typing: a text box, a text area, an editable region. */
function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement) return true;
  return target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit', 'reset', 'file', 'range', 'color'].includes(target.type);
}

/**
 * The form renders only in the browser, already holding the draft: there is no moment in which a
 * person could type into an empty form that the draft then replaces.
 */
export function DispatchBuilder({ needsSecret }: { needsSecret: boolean }) {
  const inBrowser = useSyncExternalStore(subscribeNothing, () => true, () => false);
  return inBrowser ? <BuilderWorkspace needsSecret={needsSecret} /> : <Heading />;
}

/**
 * The one notice that offers Undo: for the whole form replaced (New, a preset, Import, "Continue"), or
 * for one list item removed. An item's Undo puts it back at its index, so it goes once any list changes.
 */
interface UndoNotice {
  kind: 'form' | 'item';
  text: string;
  undo: () => void;
}

/** "Function 2 “get_order_status”": the item's label, and its name when it has one. */
function describeItem(list: string, index: number, item: unknown): string {
  const name = (item as { name?: unknown } | null)?.name;
  return `${labelOf(`${list}.${index}`)}${typeof name === 'string' && name.trim() ? ` “${name.trim()}”` : ''}`;
}

function BuilderWorkspace({ needsSecret }: { needsSecret: boolean }) {
  const searchParams = useSearchParams();
  const openNewRun = useOpenNewRun();
  const importRequested = searchParams.get('import') === '1';
  const [start] = useState(() => startingBuilderForm(importRequested, browserTimezone()));
  const form = useForm<BuilderForm>({ defaultValues: start.form });
  useScrollKeptOnReload();
  const { control, reset, getValues } = form;
  const [dialog, setDialog] = useState<'import' | 'code' | undefined>();
  const [edited, setEdited] = useState<ReadonlySet<string>>(() => new Set(start.shownProblemPaths));
  const [revealed, setRevealed] = useState<ReadonlySet<string>>(new Set());
  const [submits, setSubmits] = useState(0);
  /** What the shown problems stop: the summary says so ("… before comparing"). */
  const [blocked, setBlocked] = useState<BlockedAction>(start.summaryShown ?? 'dispatching');
  // The summary on screen before a reload is there after it (not focused: the page was only reloaded).
  const [summaryRestored, setSummaryRestored] = useState(start.summaryShown !== undefined);
  const summaryShown = submits > 0 || summaryRestored;
  const [serverProblems, setServerProblems] = useState<ServerProblem[]>([]);
  const [notice, setNotice] = useState<UndoNotice | undefined>(() => {
    const previous = start.replacedDraft;
    return previous ? { kind: 'form', text: 'Continued the conversation from its run. Your previous form was replaced.', undo: () => reset(previous) } : undefined;
  });
  const [exported, setExported] = useState<string>();
  const [guiding, setGuiding] = useState(() => !start.hadDraft && !guidedStartDismissed());
  // Open for an empty form; folded for someone already working, so the form starts near the top.
  const [presetsOpen, setPresetsOpen] = useState(() => isBlankForm(start.form));
  const summaryRef = useRef<HTMLDivElement>(null);
  const engines = useEngines();

  const values = useWatch({ control }) as BuilderForm;
  const converted = useMemo(() => formToRequest(values), [values]);
  const { request: preview, problems: unreadableJson } = converted;
  const problems = useMemo(
    () =>
      orderProblems([
        ...checkConvertedForm(values, converted, { engines: engines.data?.engines }).problems,
        ...standingProblems(serverProblems, values),
      ]),
    [values, converted, engines.data, serverProblems],
  );
  const visible = useMemo(() => problems.filter((problem) => revealed.has(problem.path) || edited.has(problem.path)), [problems, revealed, edited]);
  const markEdited = useCallback((path: string) => setEdited((current) => (current.has(path) ? current : new Set(current).add(path))), []);
  const onListChange = useCallback((list: string, change: ListChange) => {
    setEdited((current) => shiftListPaths(current, list, change));
    setRevealed((current) => shiftListPaths(current, list, change));
    setNotice((current) => (current?.kind === 'item' ? undefined : current));
  }, []);
  const reveal = useCallback((paths: string[]) => setRevealed((current) => new Set([...current, ...paths])), []);
  const problemsContext = useMemo(() => ({ visible, markEdited, reveal, onListChange }), [visible, markEdited, reveal, onListChange]);

  const removeItem = useCallback(
    <T,>(list: string, index: number, operations: ListOperations<T>, blank: T) => {
      const item = structuredClone(getValues(`${list}.${index}` as Path<BuilderForm>)) as T;
      // What was remembered about the item's fields (edited, problems shown) comes back with it.
      const prefix = `${list}.${index}.`;
      const under = (paths: ReadonlySet<string>) => [...paths].filter((path) => path.startsWith(prefix));
      const kept = { edited: under(edited), revealed: under(revealed) };
      operations.remove(index);
      onListChange(list, { kind: 'remove', index });
      if (isBlankItem(item, blank)) return;
      const putBack = (current: ReadonlySet<string>, paths: string[]) => new Set([...shiftListPaths(current, list, { kind: 'insert', index }), ...paths]);
      setNotice({
        kind: 'item',
        text: `Removed ${describeItem(list, index, item)}.`,
        undo: () => {
          operations.insert(index, item);
          focusListItem(list, index);
          setEdited((current) => putBack(current, kept.edited));
          setRevealed((current) => putBack(current, kept.revealed));
        },
      });
    },
    [getValues, edited, revealed, onListChange],
  );
  const undoContext = useMemo(() => ({ removeItem }), [removeItem]);

  useDebouncedSave(values, keepDraft, 250);
  // Which problems are on screen is kept with the draft: a reload shows them again.
  useEffect(() => saveShownProblemPaths([...edited, ...revealed]), [edited, revealed]);
  useEffect(() => saveSummaryShown(summaryShown ? blocked : undefined), [summaryShown, blocked]);

  // The handed-over request now lives in the form (and soon the draft): a reload must not load it again.
  useEffect(() => {
    if (importRequested) settleBuilderHandoff();
  }, [importRequested]);

  // After a Dispatch that found problems, the summary takes focus so it is read out and seen, and folded
  // fields with a problem are shown.
  useEffect(() => {
    if (submits === 0) return;
    openFoldsWithProblems();
    summaryRef.current?.focus();
  }, [submits]);

  const dispatch = useMutation({
    mutationFn: ({ request, timezone }: { request: DispatchRequest; timezone: string }) => dispatchConversation(request, timezone),
    onSuccess: ({ channelId }) => openNewRun(channelId),
    onError: (error) => {
      const refused = serverProblemsOf(error, getValues());
      setServerProblems(refused);
      setRevealed((current) => new Set([...current, ...refused.map((problem) => problem.path)]));
      if (refused.length === 0) return;
      setBlocked('dispatching');
      setSubmits((count) => count + 1);
    },
  });

  /** Pressing Dispatch, whatever comes of it, is the guided start's last step: it has done its job. */
  const finishGuide = useCallback(() => {
    setGuiding((current) => {
      if (current) dismissGuidedStart();
      return false;
    });
    setPresetsOpen(false);
  }, []);

  /** Checks the whole form for `action`: the request, or undefined with every problem shown. */
  const checkForm = useCallback(
    (action: BlockedAction) => {
      const current = getValues();
      const { request, problems: found } = validateBuilderForm(current, { engines: engines.data?.engines });
      const standing = orderProblems([...found, ...standingProblems(serverProblems, current)]);
      if (request && standing.length === 0) return request;
      setRevealed(new Set(standing.map((problem) => problem.path)));
      setBlocked(action);
      setSubmits((count) => count + 1);
      return undefined;
    },
    [getValues, engines.data, serverProblems],
  );

  const submit = useCallback(() => {
    finishGuide();
    const request = checkForm('dispatching');
    // The request the check parsed is the one sent: no second conversion on the way out.
    if (request) dispatch.mutate({ request, timezone: getValues().timezone.trim() || browserTimezone() });
  }, [finishGuide, checkForm, getValues, dispatch]);

  const undo = useCallback(() => {
    notice?.undo();
    setNotice(undefined);
  }, [notice]);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const command = event.ctrlKey || event.metaKey;
      if (event.key === 'Enter' && command) {
        event.preventDefault();
        submit();
      }
      // The notice's Undo sits at the end of the page: from the keyboard it is one key press away instead.
      // In a text box Ctrl/⌘+Z stays the box's own undo of typing.
      if (event.key.toLowerCase() === 'z' && command && !event.shiftKey && !event.altKey && notice && !isTextEntry(event.target)) {
        event.preventDefault();
        undo();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [submit, notice, undo]);

  /** Replaces the whole form; when it held something, offers Undo instead of asking first. */
  const replaceForm = (next: BuilderForm, text: string) => {
    const previous = getValues();
    reset(next);
    setEdited(new Set());
    setRevealed(new Set());
    setSubmits(0);
    setSummaryRestored(false);
    setServerProblems([]);
    dispatch.reset();
    setNotice(isBlankForm(previous) ? undefined : { kind: 'form', text: `${text} Your previous form was replaced.`, undo: () => reset(previous) });
  };
  const timezone = values.timezone?.trim() || browserTimezone();
  const generalRefusal = dispatch.error && serverProblems.length === 0 ? dispatch.error.message : undefined;

  return (
    <FormProvider {...form}>
      <BuilderProblemsContext.Provider value={problemsContext}>
        <BuilderUndoContext.Provider value={undoContext}>
        <div className={cn('space-y-5', PHONE_ACTION_BAR_ROOM)}>
          <Heading>
            <div className="flex flex-wrap gap-2">
              <Button
                onClick={() => {
                  clearDraft();
                  replaceForm(emptyBuilderForm(browserTimezone()), 'Started a new conversation.');
                }}
              >
                New
              </Button>
              <Button onClick={() => setDialog('import')}>Import</Button>
              <Button
                onClick={() => {
                  downloadFile(builderFileText(preview, timezone));
                  // Unfinished work is still saved, but the confirmation says the server would refuse it as it stands.
                  setExported(exportedNotice(timezone, problems));
                }}
              >
                Export
              </Button>
              <Button onClick={() => setDialog('code')}>Code</Button>
              <CompareButton check={() => checkForm('comparing')} />
            </div>
          </Heading>
          {/* A toast at the bottom of the screen, above the phone's Dispatch bar: an item removed far down the
              page is offered back where the person is looking, not at the top. */}
          <PageToast>
            {notice || exported ? (
              <p className="flex items-center gap-2 rounded-md border border-zinc-200 bg-white px-3 py-2 text-sm shadow-lg dark:border-zinc-700 dark:bg-zinc-900">
                <span className="min-w-0 flex-1">
                  {notice ? notice.text : exported}
                  {/* Said with the notice, so a keyboard or screen reader user need not travel to its button. */}
                  {notice ? <span className="pointer-coarse:hidden"> Press Ctrl/⌘ + Z to undo.</span> : null}
                </span>
                {notice ? (
                  <Button size="sm" onClick={undo}>
                    Undo
                  </Button>
                ) : null}
                <Button
                  size="sm"
                  variant="ghost"
                  aria-label="Dismiss"
                  onClick={() => {
                    setNotice(undefined);
                    setExported(undefined);
                  }}
                >
                  {/* A drawn cross: the toast's text stays only its message. */}
                  <svg aria-hidden viewBox="0 0 16 16" className="size-3.5" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
                    <path d="M4 4l8 8M12 4l-8 8" />
                  </svg>
                </Button>
              </p>
            ) : null}
          </PageToast>
          {guiding ? (
            <GuidedStart
              // A message written counts like a picked preset: either way the next step is Dispatch.
              step={isBlankForm(values) ? 1 : 2}
              onDismiss={() => {
                dismissGuidedStart();
                setGuiding(false);
              }}
            />
          ) : null}
          <PresetsGallery
            open={presetsOpen}
            onOpenChange={setPresetsOpen}
            onUse={(preset) => {
              replaceForm(requestToForm(preset.request, timezone), `Loaded the preset “${preset.title}”.`);
              setPresetsOpen(false);
            }}
          />
          <form
            data-ready="true"
            noValidate
            aria-label="Dispatch request"
            onSubmit={(event) => {
              event.preventDefault();
              submit();
            }}
            className="grid grid-cols-[minmax(0,1fr)] gap-5 lg:grid-cols-[minmax(0,1fr)_minmax(0,26rem)]"
          >
            <div className="space-y-3">
              <ErrorSummary ref={summaryRef} problems={summaryShown ? visible : []} blocked={blocked} />
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
              {/* On a phone this bar stays fixed at the bottom of the screen; from lg it sits above the preview. */}
              <PhoneActionBar boxed testId="dispatch-bar">
                <Button type="submit" variant="primary" className={PHONE_ACTION_BUTTON_CLASSES} busy={dispatch.isPending}>
                  {dispatch.isPending ? 'Dispatching…' : 'Dispatch'}
                </Button>
                <p data-testid="keyboard-hint" className="text-center text-xs text-zinc-500 pointer-coarse:hidden">
                  or press Ctrl/⌘ + Enter
                </p>
                {answeredByDemoEngine(preview, engines.data?.engines) ? <DemoEngineLine /> : null}
                {generalRefusal ? (
                  <p role="alert" className="text-sm text-red-700 dark:text-red-300">
                    The server could not take the request: {generalRefusal}
                  </p>
                ) : null}
              </PhoneActionBar>
              <JsonPreview request={preview} unreadable={unreadableJson} />
            </aside>
          </form>
        </div>
        <ImportDialog
          open={dialog === 'import'}
          onClose={() => setDialog(undefined)}
          onImport={(file: BuilderFile) => {
            replaceForm(
              requestToForm(file.request, file.timezone ?? timezone),
              file.unfinished ? 'Imported the request; what is left to fix is listed below.' : 'Imported the request.',
            );
            setDialog(undefined);
            // A half-finished draft comes back with its problems shown, as after a Dispatch, beside their fields.
            if (file.unfinished) checkForm('dispatching');
          }}
        />
        <CodeDialog open={dialog === 'code'} onClose={() => setDialog(undefined)} request={preview} timezone={timezone} needsSecret={needsSecret} unreadable={unreadableJson} problems={problems} />
        </BuilderUndoContext.Provider>
      </BuilderProblemsContext.Provider>
    </FormProvider>
  );
}

/**
 * Under Dispatch when no AI model would answer: the built-in demo engine replies from what the
 * conversation gives it, and says so when asked anything else, which a presenter should know beforehand.
 */
function DemoEngineLine() {
  return (
    <p data-testid="demo-engine-line" className="text-center text-xs text-zinc-600 dark:text-zinc-400">
      Answered by the built-in demo engine, not an AI model: it replies from this conversation’s datasets,
      functions and skills.
    </p>
  );
}
