/**
 * Quick capture in the page (the web host, or the desktop app while its
 * window has focus): whether it is open, the type it logs as and the time
 * of the key press it was opened for.
 *
 * Opening is synchronous on purpose: the key handler that sees the chord
 * calls openCapture(), which shows the dialog and focuses its field before
 * returning, so the very next key typed (Playwright's, or a fast typist's)
 * lands in the field. Waiting for React to render it first would drop those.
 */
import { create } from 'zustand';
import type { LoggableKind } from '../../../shared/incident';

interface CaptureUiState {
  open: boolean;
  kind: LoggableKind;
  /** When the key was pressed: the time the event is logged with. */
  at: number | null;
}

export const useCaptureUi = create<CaptureUiState>(() => ({ open: false, kind: 'note', at: null }));

/** The overlay's dialog and field, always in the DOM (the dialog closed), registered by CaptureOverlay. */
let elements: { dialog: HTMLDialogElement | null; input: HTMLTextAreaElement | null } = { dialog: null, input: null };

export function registerCaptureElements(dialog: HTMLDialogElement | null, input: HTMLTextAreaElement | null): () => void {
  elements = { dialog, input };
  return () => {
    if (elements.dialog === dialog) elements = { dialog: null, input: null };
  };
}

/** Opens capture for a press at `at`, with this type (null: the one used last). The field has focus when it returns. */
export function openCapture(kind: LoggableKind | null, at: number): void {
  const { dialog, input } = elements;
  if (dialog && !dialog.open) dialog.showModal();
  input?.focus();
  useCaptureUi.setState((s) => ({ open: true, kind: kind ?? s.kind, at }));
}

export function closeCapture(): void {
  if (elements.dialog?.open) elements.dialog.close();
  useCaptureUi.setState({ open: false, at: null });
}

export function setCaptureKind(kind: LoggableKind): void {
  useCaptureUi.setState({ kind });
}
