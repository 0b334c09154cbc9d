/**
 * The incident's clock: this machine's clock, corrected to agree with the
 * other responders' while the incident is shared (see
 * shared/sync/clock-skew.ts). Everything that stamps or compares incident
 * times reads it: commands stamping events, countdowns, deadlines. Only the
 * raw clock is ever sent to peers.
 */
let correction = 0;
const listeners = new Set<() => void>();

export function incidentNow(): number {
  return Date.now() + correction;
}

/** What is added to this machine's clock; 0 when alone or when the clocks agree. */
export function clockCorrection(): number {
  return correction;
}

/** An instant this machine's own clock stamped (a save, a message arriving), on the incident's clock. */
export function onIncidentClock(localMs: number): number {
  return localMs + correction;
}

export function setClockCorrection(ms: number): void {
  if (ms === correction) return;
  correction = ms;
  for (const listener of listeners) listener();
}

export function onClockCorrection(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
