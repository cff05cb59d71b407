import { useEffect, useSyncExternalStore } from 'react';
import { ticker } from './ticker.js';

/** The corrected clock (local + offsetMs) as of the shared ticker's last tick. */
export function useCorrectedNow(offsetMs: number): number {
  useEffect(() => ticker.setOffset(offsetMs), [offsetMs]);
  const local = useSyncExternalStore(ticker.subscribe, ticker.getSnapshot);
  return local + offsetMs;
}
