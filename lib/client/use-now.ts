'use client';
import { useEffect, useState } from 'react';

/** The current time, re-read every `intervalMs` while `ticking` (live figures); frozen otherwise. */
export function useNow(ticking: boolean, intervalMs = 500): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!ticking) return;
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [ticking, intervalMs]);
  return now;
}
