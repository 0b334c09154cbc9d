import type { IpcRenderer, IpcRendererEvent } from 'electron';
import {
  DISCOVERY_CHANNEL,
  DiscoveryStatus,
  INTENT_CHANNEL,
  Intent,
  type CommandPostBridge,
  type Contract,
  type ContractArgs,
  type ContractResult,
  type HotkeyBindings,
  type invokeContract,
} from '../shared/ipc';

export type IpcRendererLike = Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>;

/**
 * ipcRenderer.invoke, typed by a contract: a channel the contract does not
 * list, or arguments it does not take, fail the typecheck, and the answer
 * has the type the contract's result schema gives it. It stays inside the
 * preload: the page only ever gets the named functions built with it.
 */
export function contractInvoke<C extends Contract>(ipcRenderer: IpcRendererLike) {
  return <K extends keyof C & string>(channel: K, ...args: ContractArgs<C, K>): Promise<ContractResult<C, K>> =>
    ipcRenderer.invoke(channel, ...args) as Promise<ContractResult<C, K>>;
}

/**
 * The renderer's whole view of main: one named function per contract entry,
 * each invoking a fixed channel. There is deliberately no generic
 * invoke(channel, ...args) and ipcRenderer itself is never exposed, so a
 * compromised page can call exactly these functions and nothing else; main
 * validates every argument regardless (see src/main/ipc/register.ts).
 *
 * The object satisfies CommandPostBridge, which is derived from
 * invokeContract: the parameter and result types below come from there.
 */
export function createBridge(ipcRenderer: IpcRendererLike): CommandPostBridge {
  const invoke = contractInvoke<typeof invokeContract>(ipcRenderer);
  const bridge = {
    getAppInfo() {
      return invoke('app:get-info');
    },

    async setWindowTitle(title) {
      await invoke('window:set-title', title);
    },

    saveTextFile(request) {
      // Only the two fields the contract names cross the bridge (main would
      // refuse anything else; this keeps a page from probing it).
      const { suggestedName, content } = request;
      return invoke('file:save-text', { suggestedName, content });
    },

    savePdf(request) {
      // The two named fields only, as for saveTextFile.
      const { suggestedName, paper } = request;
      return invoke('file:save-pdf', { suggestedName, paper });
    },

    getSignalingStatus() {
      return invoke('signaling:get-status');
    },

    setSignalingSettings(preferences) {
      // The two named fields only, as for saveTextFile.
      const { exposeOnLan, port } = preferences;
      return invoke('signaling:set-settings', { exposeOnLan, port });
    },

    async setDeadlines(incidentId, notices) {
      // Only the contract's fields cross, as for saveTextFile.
      const copies = notices.map(({ key, incidentId: owner, title, body, dueAt, target }) => ({
        key,
        incidentId: owner,
        title,
        body,
        dueAt,
        target: { view: target.view, incidentId: target.incidentId, ...(target.item === undefined ? {} : { item: target.item }) },
      }));
      await invoke('notifications:set-deadlines', incidentId, copies);
    },

    getHotkeyStatus() {
      return invoke('hotkeys:get-status');
    },

    setHotkeys(bindings) {
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
      return invoke('hotkeys:set-bindings', copy);
    },

    resetHotkeys() {
      return invoke('hotkeys:reset');
    },

    async suspendHotkeys(suspended) {
      await invoke('hotkeys:suspend', suspended === true);
    },

    async setCaptureTarget(target) {
      const copy = target && { incidentId: target.incidentId, name: target.name, refusal: target.refusal };
      await invoke('capture:set-target', copy);
    },

    async openStatusWindow(incidentId) {
      await invoke('window:open-status', incidentId);
    },

    getDiscoveryStatus() {
      return invoke('discovery:get-status');
    },

    watchDiscovery(on) {
      return invoke('discovery:watch', on === true);
    },

    shareOnLan(request) {
      // The named fields only; the codename and severity only when the page sends them (the IC allowed it).
      const incident = request.incident && { codename: request.incident.codename, severity: request.incident.severity };
      return invoke('discovery:share', { shareKey: request.shareKey, incident });
    },

    unshareOnLan(shareKey) {
      return invoke('discovery:unshare', shareKey);
    },

    setDiscoverySettings(preferences) {
      const { enabled, displayName } = preferences;
      return invoke('discovery:set-settings', { enabled, displayName });
    },

    getUpdateStatus() {
      return invoke('updates:get-status');
    },

    setUpdateFeed(feedUrl) {
      // A string or null, nothing else (main refuses anything else too).
      return invoke('updates:set-feed', typeof feedUrl === 'string' ? feedUrl : null);
    },

    async checkForUpdates() {
      await invoke('updates:check');
    },

    onDiscovery(listener) {
      // As onIntent: a parsed status, never the raw event.
      const forward = (_event: IpcRendererEvent, payload: unknown): void => {
        const status = DiscoveryStatus.safeParse(payload);
        if (status.success) listener(status.data);
      };
      ipcRenderer.on(DISCOVERY_CHANNEL, forward);
      return function unsubscribe(): void {
        ipcRenderer.removeListener(DISCOVERY_CHANNEL, forward);
      };
    },

    onIntent(listener) {
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
