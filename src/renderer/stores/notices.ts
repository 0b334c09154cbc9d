/**
 * The notices the user must read: damaged data, failed saves, refused
 * commands, and confirmations that leave by themselves. A store of their own,
 * below every other store, so any of them can tell the user something
 * without importing the incident store (the identity store, which the
 * incident store reads, reports a name that could not be saved).
 */
import { create } from 'zustand';

/** What the person can do about a notice at once: a button beside it, which also dismisses it. */
export interface NoticeAction {
  readonly label: string;
  run(): void;
}

export interface Notice {
  readonly id: string;
  readonly tone: 'error' | 'warning' | 'info';
  readonly message: string;
  readonly action?: NoticeAction;
}

export const useNotices = create<{ notices: readonly Notice[] }>(() => ({ notices: [] }));

let noticeCounter = 0;
/**
 * How long a confirmation ("Saved …", "Logged …") stays. Errors and warnings
 * stay until dismissed; a confirmation only says something worked, and five
 * of them stacked would push the incident off the screen.
 */
export const INFO_NOTICE_MS = 10_000;

/**
 * Shows a notice and returns its id. The same message again replaces it; a
 * confirmation replaces the previous confirmation and leaves by itself.
 */
export function addNotice(tone: Notice['tone'], message: string, action?: NoticeAction): string {
  const notice: Notice = { id: `n${++noticeCounter}`, tone, message, ...(action ? { action } : {}) };
  const replaced = (n: Notice) => n.message === message || (tone === 'info' && n.tone === 'info');
  useNotices.setState((s) => ({ notices: [...s.notices.filter((n) => !replaced(n)), notice] }));
  if (tone === 'info') setTimeout(() => dismissNotice(notice.id), INFO_NOTICE_MS);
  return notice.id;
}

export function dismissNotice(id: string): void {
  useNotices.setState((s) => ({ notices: s.notices.filter((n) => n.id !== id) }));
}
