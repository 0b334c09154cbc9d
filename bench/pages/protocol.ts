/**
 * What the bench pages leave on window for bench/run.mjs to read. A page
 * sets exactly one of `benchResult` or `benchError` when it is done, then
 * dispatches a 'bench-done' event on window (so the runner waits without
 * polling inside the page it measures).
 */
export interface SeedResult {
  readonly incidentId: string;
  readonly name: string;
  /** Timeline events in the projection of the seeded doc (declaration included). */
  readonly events: number;
  readonly records: number;
  readonly recordKinds: Record<string, number>;
  /** Each stored record, in seq order. */
  readonly recordSizes: ReadonlyArray<{ readonly seq: number; readonly kind: string; readonly bytes: number }>;
  /** Sum of the stored records' update bytes. */
  readonly storedBytes: number;
  /** How many bytes the stored delta may still grow before the next append compacts; null when the newest record is a snapshot. */
  readonly compactionHeadroomBytes: number | null;
  readonly seedMs: number;
}

export interface FloorResult {
  /** openDatabase() through Y.applyUpdate of the last record. */
  readonly totalMs: number;
  /** The Dexie query (the same one IncidentPersistence.load runs), database open included. */
  readonly readMs: number;
  /** Y.applyUpdate of every record onto a fresh doc, in one transaction. */
  readonly applyMs: number;
  readonly records: number;
  readonly storedBytes: number;
  /** Entries in the doc's timeline array afterwards (a check, not timed). */
  readonly timelineEntries: number;
  /** From the page's navigation start to the last record applied: the whole path, page load included (bench/scale.mjs). */
  readonly sinceNavigationMs: number;
}

declare global {
  interface Window {
    benchResult?: SeedResult | FloorResult | CatalogSeedResult;
    benchError?: string;
  }
}

/** What seed-catalog.ts seeded. */
export interface CatalogSeedResult {
  readonly incidentIds: readonly string[];
  readonly events: number;
  readonly seedMs: number;
}

export function finish(result: SeedResult | FloorResult | CatalogSeedResult): void {
  window.benchResult = result;
  document.getElementById('status')!.textContent = JSON.stringify(result);
  window.dispatchEvent(new Event('bench-done'));
}

export function fail(error: unknown): void {
  window.benchError = error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error);
  document.getElementById('status')!.textContent = window.benchError;
  window.dispatchEvent(new Event('bench-done'));
}

/** The incident to read, from ?id= */
export function incidentIdParam(): string {
  const id = new URLSearchParams(location.search).get('id');
  if (!id) throw new Error('No ?id= given.');
  return id;
}
