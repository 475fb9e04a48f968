'use client';
import { useEffect, useState } from 'react';
import type { ChannelConnection } from '@/lib/client/use-channel';

/** Says when the live stream is not connected, and when it will try again. */
export function ConnectionNotice({ connection }: { connection: ChannelConnection }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (connection.state !== 'reconnecting') return;
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [connection.state]);

  if (connection.state === 'reconnecting') {
    const seconds = Math.max(0, Math.ceil((connection.retryAt - now) / 1000));
    return (
      <p role="status" className="rounded-md bg-amber-100 px-3 py-2 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-200">
        Connection lost — reconnecting in {seconds} s (attempt {connection.attempt}). Nothing will be missed: the stream resumes
        where it stopped.
      </p>
    );
  }
  if (connection.state === 'failed') {
    return (
      <p role="alert" className="rounded-md bg-red-100 px-3 py-2 text-sm text-red-900 dark:bg-red-950 dark:text-red-200">
        {connection.message}
      </p>
    );
  }
  if (connection.state === 'connecting') {
    return (
      <p role="status" className="text-sm text-zinc-500">
        Connecting…
      </p>
    );
  }
  return null;
}
