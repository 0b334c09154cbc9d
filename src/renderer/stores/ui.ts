/**
 * UI-only state: which view is shown and which dialogs are open. The view is
 * mirrored in location.hash so a reload (or the desktop app's restart) comes
 * back to the same incident.
 */
import { create } from 'zustand';
import type { LoggableKind } from '../../shared/incident';
import { isFormNumber, isPaperSize, type FormNumber, type PaperSize } from '../../shared/report/ics-forms/model';

export type Route =
  | { readonly view: 'list' }
  /** Figures across the incidents on this machine (features/metrics). */
  | { readonly view: 'metrics' }
  | { readonly view: 'incident'; readonly id: string }
  /** The read-only status view for observers (its own window in the desktop app). */
  | { readonly view: 'status'; readonly id: string }
  | { readonly view: 'join'; readonly code: string }
  /** The ICS forms of an incident, ready to print (features/forms): one form or all, on Letter or A4. */
  | { readonly view: 'forms'; readonly id: string; readonly form: FormNumber | 'all'; readonly paper: PaperSize };

/** practice: the declare dialog set up for a drill, offered by the empty list. */
export type DialogName = 'declare' | 'practice' | 'end' | 'rename' | 'closing' | 'identity' | 'share' | 'members' | 'join' | 'settings' | 'keys' | 'palette' | 'attribution' | 'search' | 'shift-change' | 'shift-acknowledge' | null;

/** The views of an open incident, one tab each (see features/incident/tabs.tsx). */
export type IncidentTab = 'timeline' | 'org' | 'plan' | 'timers' | 'status' | 'postmortem' | 'drill';

interface UiState {
  route: Route;
  dialog: DialogName;
  quickKind: LoggableKind;
  /** Which view of the open incident is shown; the quick-entry line stays under every one. */
  incidentTab: IncidentTab;
  /** Bumped to ask the quick-entry line to take focus. */
  focusQuickEntry: number;
  /** An entry to put in the quick-entry line for the user to finish (a cue card's, with blanks). */
  quickDraft: { readonly kind: LoggableKind; readonly text: string; readonly nonce: number } | null;
  /** The IC's cue cards beside the incident's views; remembered on this machine. */
  cuePanelOpen: boolean;
  navigate(route: Route): void;
  openDialog(dialog: DialogName): void;
  setQuickKind(kind: LoggableKind): void;
  showIncidentTab(tab: IncidentTab): void;
  requestQuickEntryFocus(): void;
  draftQuickEntry(kind: LoggableKind, text: string): void;
  toggleCuePanel(open?: boolean): void;
}

const CUE_PANEL_KEY = 'command-post:cue-panel-open';
function storedCuePanel(): boolean {
  try {
    return typeof localStorage !== 'undefined' && localStorage.getItem(CUE_PANEL_KEY) === '1';
  } catch {
    return false;
  }
}

export function routeFromHash(hash: string): Route {
  const match = /^#\/incident\/([A-Za-z0-9-]{1,64})$/.exec(hash);
  if (match?.[1]) return { view: 'incident', id: match[1] };
  const status = /^#\/status\/([A-Za-z0-9-]{1,64})$/.exec(hash);
  if (status?.[1]) return { view: 'status', id: status[1] };
  if (hash === '#/metrics') return { view: 'metrics' };
  const forms = /^#\/forms\/([A-Za-z0-9-]{1,64})(?:\?(.*))?$/.exec(hash);
  if (forms?.[1]) {
    const query = new URLSearchParams(forms[2] ?? '');
    const form = query.get('form');
    const paper = query.get('paper');
    return { view: 'forms', id: forms[1], form: isFormNumber(form) ? form : 'all', paper: isPaperSize(paper) ? paper : 'letter' };
  }
  const join = /^#\/join\/([A-Za-z0-9._-]{1,4096})$/.exec(hash);
  if (join?.[1]) return { view: 'join', code: join[1] };
  return { view: 'list' };
}

export function hashFromRoute(route: Route): string {
  if (route.view === 'incident') return `#/incident/${route.id}`;
  if (route.view === 'join') return `#/join/${route.code}`;
  if (route.view === 'status') return `#/status/${route.id}`;
  if (route.view === 'metrics') return '#/metrics';
  if (route.view === 'forms') return `#/forms/${route.id}?form=${route.form}&paper=${route.paper}`;
  return '#/';
}

export const useUi = create<UiState>((set) => ({
  route: routeFromHash(typeof location === 'undefined' ? '' : location.hash),
  dialog: null,
  quickKind: 'note',
  incidentTab: 'timeline',
  focusQuickEntry: 0,
  quickDraft: null,
  cuePanelOpen: storedCuePanel(),
  navigate: (route) => {
    if (location.hash !== hashFromRoute(route)) location.hash = hashFromRoute(route);
    set({ route });
  },
  openDialog: (dialog) => set({ dialog }),
  setQuickKind: (quickKind) => set({ quickKind }),
  showIncidentTab: (incidentTab) => set({ incidentTab }),
  requestQuickEntryFocus: () => set((s) => ({ focusQuickEntry: s.focusQuickEntry + 1 })),
  draftQuickEntry: (kind, text) => set((s) => ({ quickDraft: { kind, text, nonce: (s.quickDraft?.nonce ?? 0) + 1 } })),
  toggleCuePanel: (open) =>
    set((s) => {
      const cuePanelOpen = open ?? !s.cuePanelOpen;
      try {
        localStorage.setItem(CUE_PANEL_KEY, cuePanelOpen ? '1' : '0');
      } catch {
        // Private mode or no storage: the panel still opens, it is just not remembered.
      }
      return { cuePanelOpen };
    }),
}));

if (typeof window !== 'undefined') {
  window.addEventListener('hashchange', () => useUi.setState({ route: routeFromHash(location.hash) }));
}
