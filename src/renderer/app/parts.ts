/**
 * What the app loads after its first view rather than before it: an
 * incident's views, the observer's status view, joining, and every dialog.
 * The incident list (the first screen of a new or empty profile) needs none
 * of them, nor the incident machinery they bring (Yjs, sync, trust, the
 * reports). Each is loaded ahead once the first view is on screen
 * (prefetchParts), so opening one later does not wait; a key pressed before
 * that still opens it, a moment later.
 */
import { loadOpenIncident } from '../incidents/startup';
import { deferred } from './deferred';

// With the incident machinery: if that cannot be loaded, the view says so rather than "Opening…" for ever.
export const IncidentView = deferred('The incident view', async () => (await withIncidents(import('../features/incident/IncidentView'))).IncidentView);
export const StatusObserver = deferred('The status view', async () => (await withIncidents(import('../features/status/StatusObserver'))).StatusObserver);
export const FormsView = deferred('The ICS forms', async () => (await withIncidents(import('../features/forms/FormsView'))).FormsView);
export const JoinView = deferred('Joining a shared incident', async () => (await import('../features/sync/JoinDialog')).JoinView);

export const DeclareDialog = deferred('The Declare dialog', async () => (await import('../features/declare/DeclareDialog')).DeclareDialog);
export const CommandPalette = deferred('The command palette', async () => (await import('../features/palette/CommandPalette')).CommandPalette);
export const MetricsView = deferred('The metrics', async () => (await import('../features/metrics/MetricsView')).MetricsView);
export const SearchDialog = deferred('Search', async () => (await import('../features/search/SearchDialog')).SearchDialog);
export const CheatSheet = deferred('The keys sheet', async () => (await import('../features/help/CheatSheet')).CheatSheet);
export const SettingsDialog = deferred('Settings', async () => (await import('../features/settings/SettingsDialog')).SettingsDialog);
export const JoinDialog = deferred('The Join dialog', async () => (await import('../features/sync/JoinDialog')).JoinDialog);
export const EndDialog = deferred('The End dialog', async () => (await import('../features/incident/EndDialog')).EndDialog);
export const RenameDialog = deferred('The Rename dialog', async () => (await import('../features/incident/RenameDialog')).RenameDialog);
export const ClosingNoticeDialog = deferred('The closing notice', async () => (await import('../features/postmortem/ClosingNoticeDialog')).ClosingNoticeDialog);
export const ShareDialog = deferred('The Share dialog', async () => (await import('../features/sync/ShareDialog')).ShareDialog);
export const MembersDialog = deferred('The members list', async () => (await import('../features/members/MembersDialog')).MembersDialog);
export const ShiftChangeDialog = deferred('Shift change', async () => (await import('../features/shift-change/ShiftChangeDialog')).ShiftChangeDialog);
export const AcknowledgeShiftDialog = deferred('Taking command', async () => (await import('../features/shift-change/AcknowledgeShiftDialog')).AcknowledgeShiftDialog);
export const AttributionPicker = deferred('The attribution picker', async () => (await import('../features/attribution/AttributionPicker')).AttributionPicker);

async function withIncidents<T>(view: Promise<T>): Promise<T> {
  const [module] = await Promise.all([view, loadOpenIncident()]);
  return module;
}

/** First what the incident list offers, then an incident and what it offers. */
const PREFETCH_ORDER = [
  DeclareDialog.preload,
  CommandPalette.preload,
  SearchDialog.preload,
  CheatSheet.preload,
  SettingsDialog.preload,
  JoinDialog.preload,
  loadOpenIncident,
  IncidentView.preload,
  EndDialog.preload,
  RenameDialog.preload,
  ShareDialog.preload,
  MembersDialog.preload,
  AttributionPicker.preload,
  ShiftChangeDialog.preload,
  AcknowledgeShiftDialog.preload,
  ClosingNoticeDialog.preload,
  StatusObserver.preload,
  FormsView.preload,
];

let prefetched = false;
/**
 * Loads every part ahead, when the page is next idle (so never before the
 * first view is painted). A part that fails here is tried again, and
 * reported, when it is shown.
 */
export function prefetchParts(): void {
  if (prefetched) return;
  prefetched = true;
  const run = () => {
    for (const preload of PREFETCH_ORDER) preload().catch(() => {});
  };
  if (typeof requestIdleCallback === 'function') requestIdleCallback(run, { timeout: 1_000 });
  else setTimeout(run, 50);
}
