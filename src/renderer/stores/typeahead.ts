/**
 * The keys typed while an incident's entry line is on its way (see
 * components/keys/typeahead.ts): null when nothing is expected. The app's
 * listener (app/useTypeahead) fills it; the entry line, or the name prompt
 * shown in its place, takes it when it appears.
 */
import { create } from 'zustand';

interface TypeaheadState {
  typed: string | null;
  /** The entry line is on its way: keep what is typed until it comes (what is kept already stays). */
  expect(): void;
  set(typed: string): void;
  /** What was typed, handed to whoever takes it; nothing is kept after. */
  take(): string | null;
  /** Nothing is coming after all (the declaration failed, the incident could not be opened). */
  drop(): void;
}

export const useTypeahead = create<TypeaheadState>((set, get) => ({
  typed: null,
  expect: () => set((s) => ({ typed: s.typed ?? '' })),
  set: (typed) => set({ typed }),
  take: () => {
    const typed = get().typed;
    if (typed !== null) set({ typed: null });
    return typed;
  },
  drop: () => set({ typed: null }),
}));
