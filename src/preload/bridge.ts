import type { IpcRenderer, IpcRendererEvent } from 'electron';
import {
  INTENT_CHANNEL,
  Intent,
  type AppInfo,
  type CaptureTarget,
  type CommandPostBridge,
  type DeadlineNotice,
  type HotkeyBindings,
  type HotkeyChangeResult,
  type HotkeyStatus,
  type SaveFileResult,
  type SaveTextFileRequest,
  type SignalingChangeResult,
  type SignalingPreferences,
  type SignalingStatus,
} from '../shared/ipc';

export type IpcRendererLike = Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>;

/**
 * The renderer's whole view of main: one named function per contract entry,
 * each invoking a fixed channel. There is deliberately no generic
 * invoke(channel, ...args) and ipcRenderer itself is never exposed, so a
 * compromised page can call exactly these functions and nothing else; main
 * validates every argument regardless (see src/main/ipc/register.ts).
 */
export function createBridge(ipcRenderer: IpcRendererLike): CommandPostBridge {
  const bridge = {
    getAppInfo(): Promise<AppInfo> {
      return ipcRenderer.invoke('app:get-info') as Promise<AppInfo>;
    },

    async setWindowTitle(title: string): Promise<void> {
      await ipcRenderer.invoke('window:set-title', title);
    },

    saveTextFile(request: SaveTextFileRequest): Promise<SaveFileResult> {
      // Only the two fields the contract names cross the bridge (main would
      // refuse anything else; this keeps a page from probing it).
      const { suggestedName, content } = request;
      return ipcRenderer.invoke('file:save-text', { suggestedName, content }) as Promise<SaveFileResult>;
    },

    getSignalingStatus(): Promise<SignalingStatus> {
      return ipcRenderer.invoke('signaling:get-status') as Promise<SignalingStatus>;
    },

    setSignalingSettings(preferences: SignalingPreferences): Promise<SignalingChangeResult> {
      // The two named fields only, as for saveTextFile.
      const { exposeOnLan, port } = preferences;
      return ipcRenderer.invoke('signaling:set-settings', { exposeOnLan, port }) as Promise<SignalingChangeResult>;
    },

    async setDeadlines(incidentId: string, notices: DeadlineNotice[]): Promise<void> {
      // Only the contract's fields cross, as for saveTextFile.
      const copies = notices.map(({ key, incidentId: owner, title, body, dueAt, target }) => ({
        key,
        incidentId: owner,
        title,
        body,
        dueAt,
        target: { view: target.view, incidentId: target.incidentId, ...(target.item === undefined ? {} : { item: target.item }) },
      }));
      await ipcRenderer.invoke('notifications:set-deadlines', incidentId, copies);
    },

    getHotkeyStatus(): Promise<HotkeyStatus> {
      return ipcRenderer.invoke('hotkeys:get-status') as Promise<HotkeyStatus>;
    },

    setHotkeys(bindings: HotkeyBindings): Promise<HotkeyChangeResult> {
      // One key per action, copied by name: nothing else crosses.
      const copy = {
        capture: bindings.capture,
        note: bindings.note,
        decision: bindings.decision,
        action: bindings.action,
        status: bindings.status,
        followup: bindings.followup,
        impact: bindings.impact,
        'mark-key': bindings['mark-key'],
      } satisfies HotkeyBindings;
      return ipcRenderer.invoke('hotkeys:set-bindings', copy) as Promise<HotkeyChangeResult>;
    },

    resetHotkeys(): Promise<HotkeyChangeResult> {
      return ipcRenderer.invoke('hotkeys:reset') as Promise<HotkeyChangeResult>;
    },

    async suspendHotkeys(suspended: boolean): Promise<void> {
      await ipcRenderer.invoke('hotkeys:suspend', suspended === true);
    },

    async setCaptureTarget(target: CaptureTarget | null): Promise<void> {
      const copy = target && { incidentId: target.incidentId, name: target.name, refusal: target.refusal };
      await ipcRenderer.invoke('capture:set-target', copy);
    },

    async openStatusWindow(incidentId: string): Promise<void> {
      await ipcRenderer.invoke('window:open-status', incidentId);
    },

    onIntent(listener: (intent: Intent) => void): () => void {
      // The page gets a parsed Intent, never the IpcRendererEvent (whose
      // `sender` is ipcRenderer itself), and never a payload that fails the
      // contract's schema.
      const forward = (_event: IpcRendererEvent, payload: unknown): void => {
        const intent = Intent.safeParse(payload);
        if (intent.success) listener(intent.data);
      };
      ipcRenderer.on(INTENT_CHANNEL, forward);
      return function unsubscribe(): void {
        ipcRenderer.removeListener(INTENT_CHANNEL, forward);
      };
    },
  } satisfies CommandPostBridge;
  return bridge;
}
