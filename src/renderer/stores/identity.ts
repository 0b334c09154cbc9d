import { create } from 'zustand';

/** Who is at this keyboard: a display name, remembered per machine. */
const KEY = 'command-post:identity';

interface IdentityState {
  name: string;
  setName(name: string): void;
}

function stored(): string {
  try {
    return localStorage.getItem(KEY) ?? '';
  } catch {
    return '';
  }
}

export const useIdentity = create<IdentityState>((set) => ({
  name: stored(),
  setName: (name) => {
    const trimmed = name.trim();
    try {
      localStorage.setItem(KEY, trimmed);
    } catch {
      // Private windows may refuse storage; the name still holds for this session.
    }
    set({ name: trimmed });
  },
}));
