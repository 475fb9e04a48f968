'use client';
// "Share": makes a read-only link to this run (opens the presentation view without signing in) or this
// experiment (its comparison or grid, live), lists the links that still work, and revokes them.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { CopyButton } from '@/components/ui/copy-button';
import { Dialog } from '@/components/ui/dialog';
import { QrCode } from '@/components/ui/qr-code';
import { CHOICE_LABEL_CLASSES, INPUT_CLASSES } from '@/components/ui/field';
import { createShareLink, listShareLinks, revokeShareLink, type ShareLink } from '@/lib/client/api';
import { formatDateTime } from '@/lib/client/format';
import { isLoopbackHost } from '@/lib/client/loopback';
import { WARNING_NOTE_CLASSES } from '@/components/ui/warning-note';
import { queryKeys } from '@/lib/client/keys';
import type { ShareTarget } from '@/lib/share/share-store';

const HOUR = 3600;
const EXPIRY_CHOICES = [
  { label: '1 hour', seconds: HOUR },
  { label: '24 hours', seconds: 24 * HOUR },
  { label: '7 days', seconds: 7 * 24 * HOUR },
  { label: '30 days', seconds: 30 * 24 * HOUR },
];

const absolute = (path: string) =>
  typeof window === 'undefined' ? path : `${window.location.origin}${path}`;

function LinkRow({ link, onRevoke, revoking }: { link: ShareLink; onRevoke: () => void; revoking: boolean }) {
  const url = absolute(link.path);
  const shown = useRef<HTMLInputElement>(null);
  // Revoke sits beside Copy and cannot be undone (the link stops for everyone watching): it asks first.
  const [asking, setAsking] = useState(false);
  // For a room: people point their phones at the code on the projector instead of typing the link.
  const [showingCode, setShowingCode] = useState(false);
  const codeId = useId();
  return (
    <li className="space-y-1 rounded-md border border-zinc-200 p-2 dark:border-zinc-700">
      <input
        ref={shown}
        readOnly
        value={url}
        aria-label="Share link"
        onFocus={(event) => event.currentTarget.select()}
        className={`${INPUT_CLASSES} font-mono text-xs`}
      />
      <div className="flex flex-wrap items-center gap-2 text-xs text-zinc-700 dark:text-zinc-300">
        {/* On a phone the buttons take the next line together, rather than Revoke alone. */}
        <span className="basis-full sm:mr-auto sm:basis-auto">
          Works until {formatDateTime(link.expiresAt)} ·{' '}
          {link.allowAnswer ? 'viewers can answer' : 'read-only'}
        </span>
        {asking ? null : (
          <>
            <CopyButton size="sm" text={url} shownIn={shown} what="the link" />
            <Button
              size="sm"
              aria-expanded={showingCode}
              aria-controls={codeId}
              onClick={() => setShowingCode((showing) => !showing)}
            >
              {showingCode ? 'Hide QR code' : 'Show QR code'}
            </Button>
            <Button size="sm" variant="dangerOutline" onClick={() => setAsking(true)} disabled={revoking}>
              Revoke
            </Button>
          </>
        )}
      </div>
      {asking ? (
        <div
          role="group"
          aria-label="Revoke this link?"
          className="flex flex-wrap items-center gap-2 text-xs"
        >
          <span>Revoke this link? Everyone watching through it loses it at once.</span>
          {/* Focus moves here: the question replaced the Revoke button that had it. */}
          <Button size="sm" autoFocus onClick={() => setAsking(false)}>
            Keep the link
          </Button>
          <Button size="sm" variant="danger" onClick={onRevoke} disabled={revoking}>
            {revoking ? 'Revoking…' : 'Revoke the link'}
          </Button>
        </div>
      ) : null}
      {/* While Revoke asks, the code steps aside: the question sits where the buttons were, not below it. */}
      {showingCode && !asking ? (
        <figure id={codeId} className="flex flex-col items-center gap-1 pt-1">
          <QrCode text={url} label="QR code of this share link" className="aspect-square w-full max-w-80" />
          <figcaption className="text-xs text-zinc-700 dark:text-zinc-300">
            Point a phone’s camera at it to open the link.
          </figcaption>
        </figure>
      ) : null}
    </li>
  );
}

/**
 * A link is made from this page's address: opened as localhost or 127.0.0.1, it opens on this computer only,
 * and a room's phones would get nowhere. Said before the link is shown to anyone.
 */
function ThisComputerOnlyNote() {
  const host = window.location.hostname;
  if (!isLoopbackHost(host)) return null;
  return (
    <div data-testid="this-computer-only" className={WARNING_NOTE_CLASSES}>
      <p>These links start with {host}, which opens on this computer only.</p>
      {/* The how, folded: on a phone it took half the dialog, above the link. */}
      <details className="mt-1">
        <summary className="cursor-pointer underline">How to share with a room</summary>
        <p className="mt-1">
          Start the server with an API secret (it then listens on the network), open Dispatch Studio at this
          computer’s network address and make the link there (README: “Showing a run to a room”).
        </p>
      </details>
    </div>
  );
}

const WHAT_A_LINK_OPENS: Record<ShareTarget['kind'], string> = {
  run: 'Anyone with the link can watch this run live in presentation view, without signing in. It opens this run only — nothing else in Dispatch Studio.',
  experiment:
    'Anyone with the link can watch this experiment live — its answers, progress and note — without signing in. They cannot change, cancel, retry or export it, and it opens nothing else in Dispatch Studio.',
};

/** `ended`: a run that has ended asks no more questions, so its links offer no answering. */
export function ShareButton({ target, ended = false }: { target: ShareTarget; ended?: boolean }) {
  const [open, setOpen] = useState(false);
  const [expiresInSeconds, setExpiresInSeconds] = useState(24 * HOUR);
  const [allowAnswer, setAllowAnswer] = useState(false);
  const expiryId = useId();
  const queryClient = useQueryClient();
  const links = useQuery({
    queryKey: queryKeys.shares(target),
    queryFn: () => listShareLinks(target),
    enabled: open,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: queryKeys.shares(target) });
  const canAnswer = target.kind === 'run' && !ended;
  const create = useMutation({
    mutationFn: () => createShareLink(target, { expiresInSeconds, allowAnswer: canAnswer && allowAnswer }),
    onSuccess: ({ share }) => {
      // The new link shows at once from the answer; the refetch then brings the list in line.
      queryClient.setQueryData<{ shares: ShareLink[] }>(queryKeys.shares(target), (listed) => ({
        shares: [share, ...(listed?.shares ?? []).filter((link) => link.id !== share.id)],
      }));
      return refresh();
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => revokeShareLink(target, id),
    onSuccess: refresh,
  });
  const problem = create.error?.message ?? revoke.error?.message ?? links.error?.message;

  return (
    <>
      <Button onClick={() => setOpen(true)}>Share</Button>
      <Dialog open={open} title={`Share this ${target.kind}`} onClose={() => setOpen(false)}>
        <p className="text-sm text-zinc-700 dark:text-zinc-300">{WHAT_A_LINK_OPENS[target.kind]}</p>
        <form
          aria-label="New share link"
          className="flex flex-wrap items-end gap-3"
          onSubmit={(event) => {
            event.preventDefault();
            create.mutate();
          }}
        >
          <div className="space-y-1">
            <label htmlFor={expiryId} className="block text-sm font-medium">
              Link works for
            </label>
            <select
              id={expiryId}
              value={expiresInSeconds}
              onChange={(event) => setExpiresInSeconds(Number(event.target.value))}
              className={INPUT_CLASSES}
            >
              {EXPIRY_CHOICES.map((choice) => (
                <option key={choice.seconds} value={choice.seconds}>
                  {choice.label}
                </option>
              ))}
            </select>
          </div>
          {canAnswer ? (
            <label className={cn(CHOICE_LABEL_CLASSES, 'pb-1.5')}>
              <input
                type="checkbox"
                checked={allowAnswer}
                onChange={(event) => setAllowAnswer(event.target.checked)}
              />
              Allow answering (viewers can answer when the run waits for one)
            </label>
          ) : null}
          <Button type="submit" variant="primary" busy={create.isPending}>
            Create link
          </Button>
        </form>
        {problem ? (
          <p role="alert" className="text-sm text-red-700 dark:text-red-300">
            {problem}
          </p>
        ) : null}
        <section aria-label="Links that work now" className="space-y-2">
          <h3 className="text-sm font-semibold">Links that work now</h3>
          {links.data && links.data.shares.length === 0 ? (
            <p className="text-sm text-zinc-700 dark:text-zinc-300">
              {revoke.isSuccess ? 'None: the link you revoked no longer opens.' : 'None yet.'}
            </p>
          ) : null}
          {links.data && links.data.shares.length > 0 ? <ThisComputerOnlyNote /> : null}
          <ul className="space-y-2">
            {links.data?.shares.map((link) => (
              <LinkRow
                key={link.id}
                link={link}
                onRevoke={() => revoke.mutate(link.id)}
                revoking={revoke.isPending}
              />
            ))}
          </ul>
        </section>
      </Dialog>
    </>
  );
}
