import type { IpcRendererEvent } from 'electron';
import { CAPTURE_OPEN_CHANNEL, CaptureOpen, type CaptureBridge, type captureContract } from '../shared/ipc';
import { contractInvoke, type IpcRendererLike } from './bridge';

/**
 * The quick-capture window's whole view of main: submit, cancel, and the
 * presses it is opened for. Nothing of the main window's bridge is here, so
 * this small always-on-top page can do nothing but hand over an entry. Its
 * calls are typed by captureContract, whose channels are the only ones the
 * invoke below accepts.
 */
export function createCaptureBridge(ipcRenderer: IpcRendererLike): CaptureBridge {
  const invoke = contractInvoke<typeof captureContract>(ipcRenderer);
  const bridge = {
    submit(entry) {
      const { kind, text } = entry;
      return invoke('capture:submit', { kind, text });
    },

    async cancel() {
      await invoke('capture:cancel');
    },

    onOpen(listener) {
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
