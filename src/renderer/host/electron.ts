import type { CommandPostBridge } from '../../shared/ipc';
import { DEFAULT_SIGNALING_PORT, desktopSignaling } from '../../shared/sync/own-signaling';
import type { Host } from './types';

export function electronHost(bridge: CommandPostBridge): Host {
  return {
    kind: 'electron',
    getAppInfo: () => bridge.getAppInfo(),
    setTitle: (title) => {
      // The contract caps titles at 200 characters; a longer one would be refused.
      void bridge.setWindowTitle(title.slice(0, 200));
    },
    // The app menu owns the accelerators in Electron; main forwards them as intents.
    onIntent: (listener) => bridge.onIntent(listener),
    saveFile: async ({ suggestedName, content }) => {
      // Decoded keeping a byte order mark (the CSV has one, for spreadsheets): Blob.text() would drop it.
      const text = typeof content === 'string' ? content : new TextDecoder('utf-8', { ignoreBOM: true }).decode(await content.arrayBuffer());
      return unwrapped(() => bridge.saveTextFile({ suggestedName, content: text }));
    },
    savePdf: (request) => unwrapped(() => bridge.savePdf(request)),
    signaling: {
      getStatus: () => unwrapped(() => bridge.getSignalingStatus()),
      change: (preferences) => unwrapped(() => bridge.setSignalingSettings(preferences)),
    },
    discovery: {
      getStatus: () => unwrapped(() => bridge.getDiscoveryStatus()),
      watch: (on) => unwrapped(() => bridge.watchDiscovery(on)),
      share: (request) => unwrapped(() => bridge.shareOnLan(request)),
      unshare: (shareKey) => unwrapped(() => bridge.unshareOnLan(shareKey)),
      change: (preferences) => unwrapped(() => bridge.setDiscoverySettings(preferences)),
      onChange: (listener) => bridge.onDiscovery(listener),
    },
    updates: {
      getStatus: () => unwrapped(() => bridge.getUpdateStatus()),
      setFeed: (feedUrl) => unwrapped(() => bridge.setUpdateFeed(feedUrl)),
      check: () => unwrapped(() => bridge.checkForUpdates()),
    },
    setDeadlines: (incidentId, notices) => unwrapped(() => bridge.setDeadlines(incidentId, notices)),
    // Main shows them through the operating system, which asks no permission
    // of the page (the user can still silence the app there, unseen by us).
    notificationsPermission: () => 'granted',
    enableNotifications: async () => 'granted',
    hotkeys: {
      getStatus: () => unwrapped(() => bridge.getHotkeyStatus()),
      change: (bindings) => unwrapped(() => bridge.setHotkeys(bindings)),
      reset: () => unwrapped(() => bridge.resetHotkeys()),
      suspend: (suspended) => {
        bridge.suspendHotkeys(suspended).catch((error: unknown) => console.error('[command-post] could not suspend the hotkeys', error));
      },
    },
    setCaptureTarget: (target) => {
      bridge.setCaptureTarget(target).catch((error: unknown) => console.error('[command-post] could not tell main where quick capture logs', error));
    },
    openStatusView: (incidentId) => unwrapped(() => bridge.openStatusWindow(incidentId)),
    // Electron's storage is the app's own data directory: never evicted.
    keepStorage: async () => 'persistent',
    signalingToOffer: async () => {
      try {
        return desktopSignaling(await bridge.getSignalingStatus());
      } catch {
        // Sharing must not fail on this: the share dialog lets the IC correct the addresses.
        return desktopSignaling({ exposedOnLan: false, lanAddresses: [], port: DEFAULT_SIGNALING_PORT });
      }
    },
  };
}

/** Main's own message, without the wrapping Electron adds: "Error invoking remote method 'file:save-text': Error: …". */
async function unwrapped<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(message.replace(/^Error invoking remote method '[^']*': (?:Error: )?/, ''), { cause: error });
  }
}
