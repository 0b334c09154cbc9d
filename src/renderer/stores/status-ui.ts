/**
 * UI-only state of the Status tab: which of its dialogs is open, and the
 * organization's glossary for the plain-language lint, kept on this machine
 * (localStorage; every window of the app shares it).
 */
import { create } from 'zustand';
import { DEFAULT_GLOSSARY_TEXT, parseGlossary, type GlossaryEntry, type GlossaryProblem } from '../../shared/report/glossary';

export type StatusDialog = 'update' | 'can' | 'glossary' | 'statuspage';

const GLOSSARY_KEY = 'command-post:glossary';
/** A glossary is a page of text, not a database. */
export const MAX_GLOSSARY_TEXT = 50_000;

interface StatusUiState {
  dialog: StatusDialog | null;
  glossaryText: string;
  glossary: readonly GlossaryEntry[];
  /** Why the stored glossary could not be read, when it could not (the defaults are used meanwhile). */
  glossaryProblem: string | null;
  open(dialog: StatusDialog): void;
  close(): void;
  /** Saves the glossary; returns the lines it could not read (the rest is saved and used). */
  saveGlossary(text: string): { saved: boolean; problems: readonly GlossaryProblem[]; message: string | null };
}

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

function loadGlossary(): { text: string; problem: string | null } {
  try {
    const stored = storage()?.getItem(GLOSSARY_KEY);
    if (stored === null || stored === undefined) return { text: DEFAULT_GLOSSARY_TEXT, problem: null };
    if (stored.length > MAX_GLOSSARY_TEXT) return { text: DEFAULT_GLOSSARY_TEXT, problem: 'The saved glossary is too long to be one; the default glossary is used. Open the glossary to save a shorter one.' };
    return { text: stored, problem: null };
  } catch {
    return { text: DEFAULT_GLOSSARY_TEXT, problem: 'The saved glossary could not be read; the default glossary is used.' };
  }
}

const initial = loadGlossary();

export const useStatusUi = create<StatusUiState>((set) => ({
  dialog: null,
  glossaryText: initial.text,
  glossary: parseGlossary(initial.text).entries,
  glossaryProblem: initial.problem,
  open: (dialog) => set({ dialog }),
  close: () => set({ dialog: null }),
  saveGlossary: (text) => {
    if (text.length > MAX_GLOSSARY_TEXT) {
      return { saved: false, problems: [], message: `A glossary is at most ${MAX_GLOSSARY_TEXT.toLocaleString('en-US')} characters; this one has ${text.length.toLocaleString('en-US')}.` };
    }
    const parsed = parseGlossary(text);
    try {
      storage()?.setItem(GLOSSARY_KEY, text);
    } catch (error) {
      return { saved: false, problems: parsed.problems, message: `The glossary could not be saved on this machine: ${String(error)}` };
    }
    set({ glossaryText: text, glossary: parsed.entries, glossaryProblem: null });
    return { saved: true, problems: parsed.problems, message: null };
  },
}));

// Another window of the app (the observer view, a second tab) saved the glossary.
if (typeof window !== 'undefined') {
  window.addEventListener('storage', (event) => {
    if (event.key !== GLOSSARY_KEY) return;
    const { text, problem } = loadGlossary();
    useStatusUi.setState({ glossaryText: text, glossary: parseGlossary(text).entries, glossaryProblem: problem });
  });
}
