import { useSyncExternalStore } from 'react';
import { incidentNow, onClockCorrection } from '../incidents/clock';

/**
 * One shared ticking clock for every countdown on screen, so twenty clocks
 * cost one timer. Display only: nothing is stored as a tick. It reads the
 * incident's clock (corrected for this machine's skew) and moves at once
 * when the correction changes.
 */
const listeners = new Set<() => void>();
let now = incidentNow();
let timer: ReturnType<typeof setInterval> | null = null;

function tick(): void {
  now = incidentNow();
  for (const l of listeners) l();
}
onClockCorrection(tick);

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (!timer) {
    now = incidentNow();
    timer = setInterval(tick, 1000);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = null;
    }
  };
}

export function useNow(): number {
  return useSyncExternalStore(subscribe, () => now);
}
