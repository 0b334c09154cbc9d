import type { IpcRendererEvent } from 'electron';
import { CAPTURE_OPEN_CHANNEL, CaptureOpen, type CaptureBridge, type CaptureEntry, type CaptureSubmitResult } from '../shared/ipc';
import type { IpcRendererLike } from './bridge';

/**
 * The quick-capture window's whole view of main: submit, cancel, and the
 * presses it is opened for. Nothing of the main window's bridge is here, so
 * this small always-on-top page can do nothing but hand over an entry.
 */
export function createCaptureBridge(ipcRenderer: IpcRendererLike): CaptureBridge {
  const bridge = {
    submit(entry: CaptureEntry): Promise<CaptureSubmitResult> {
      const { kind, text } = entry;
      return ipcRenderer.invoke('capture:submit', { kind, text }) as Promise<CaptureSubmitResult>;
    },

    async cancel(): Promise<void> {
      await ipcRenderer.invoke('capture:cancel');
    },

    onOpen(listener: (open: CaptureOpen) => void): () => void {
      // A parsed CaptureOpen only, never the raw event.
      const forward = (_event: IpcRendererEvent, payload: unknown): void => {
        const open = CaptureOpen.safeParse(payload);
        if (open.success) listener(open.data);
      };
      ipcRenderer.on(CAPTURE_OPEN_CHANNEL, forward);
      return function unsubscribe(): void {
        ipcRenderer.removeListener(CAPTURE_OPEN_CHANNEL, forward);
      };
    },
  } satisfies CaptureBridge;
  return bridge;
}
