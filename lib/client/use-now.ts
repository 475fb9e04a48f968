'use client';
// The current time, re-rendered every `intervalMs` while `active` (durations of live runs tick).
import { useEffect, useState } from 'react';

export function useNow(intervalMs: number, active = true): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const tick = () => setNow(Date.now());
    // While inactive the time stood still: a run that just became live counts from now at once, not
    // from the last tick (a list that had no live run read "0 ms" for a second).
    const catchUp = setTimeout(tick, 0);
    const timer = setInterval(tick, intervalMs);
    return () => {
      clearTimeout(catchUp);
      clearInterval(timer);
    };
  }, [intervalMs, active]);
  return now;
}
