import { keyPlatformOf, parseAccelerator } from '../../shared/hotkeys/accelerator';
import { ALL_APP_COMMANDS } from '../../shared/hotkeys/app-commands';
import type { Intent } from '../../shared/ipc';
import { browserSignaling, DEFAULT_SIGNALING_PORT, signalingPortFromWebHostConfig, WEB_HOST_CONFIG_FILE } from '../../shared/sync/own-signaling';
import type { Host } from './types';
import { createWebHotkeys } from './web-hotkeys';
import type { NotificationsPermission, WebNotifications } from './web-notifications';

declare const __APP_VERSION__: string;

/** Why a browser shows no list of command posts on this network, for 'Join shared incident…'. */
export const WEB_DISCOVERY_UNAVAILABLE =
  'A browser cannot hear the announcements command posts make on the local network, so none are listed here. Ask the Incident Commander for the short code or the invite, or use the desktop app.';

let signalingPort: Promise<number> | null = null;

/**
 * The port of the signaling server on the machine that serves this page:
 * the one `npm run web` started next to it (it says so in web-host.json),
 * else `npm run signal`'s default, for a page served some other way. Asked
 * once per page.
 */
export function webSignalingPort(): Promise<number> {
  signalingPort ??= fetch(new URL(WEB_HOST_CONFIG_FILE, location.href), { cache: 'no-store' })
    .then((response) => (response.ok ? response.json() : null))
    .then((json: unknown) => signalingPortFromWebHostConfig(json) ?? DEFAULT_SIGNALING_PORT)
    .catch(() => DEFAULT_SIGNALING_PORT);
  return signalingPort;
}

/**
 * The browser has no app menu, so the web host maps the same accelerators
 * the desktop menu has (src/shared/hotkeys/app-commands.ts) to intents with
 * a keydown listener. Ctrl and Cmd both count, whatever the platform.
 */
export function intentForKey(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>): Intent | null {
  if (!(event.ctrlKey || event.metaKey) || event.altKey) return null;
  const key = event.key.toLowerCase();
  for (const command of ALL_APP_COMMANDS) {
    const parsed = parseAccelerator(command.accelerator);
    if (!parsed.ok) continue;
    const { modifiers, key: commandKey } = parsed.accelerator;
    if (commandKey.toLowerCase() === key && modifiers.includes('Shift') === event.shiftKey) return command.intent;
  }
  return null;
}

export function webHost(): Host {
  // Intents come from keys and from clicked notifications alike.
  const intentListeners = new Set<(intent: Intent) => void>();
  const Api = typeof Notification === 'undefined' ? undefined : Notification;
  // Created with the first deadlines (an incident opened) or the first request for permission, not at
  // start-up: reading the delivered keys brings zod, which the incident list does without.
  let notifications: Promise<WebNotifications> | null = null;
  const runIntent = (intent: Intent) => {
    for (const listener of [...intentListeners]) listener(intent);
  };
  const loadNotifications = () =>
    (notifications ??= browserNotifications(Api, runIntent).catch((error: unknown) => {
      notifications = null;
      throw error;
    }));
  return {
    kind: 'web',
    getAppInfo: async () => ({
      name: 'Command Post',
      version: __APP_VERSION__,
      platform: navigator.platform || 'web',
      electron: '',
    }),
    setTitle: (title) => {
      document.title = title;
    },
    onIntent: (listener) => {
      intentListeners.add(listener);
      const onKeyDown = (event: KeyboardEvent) => {
        const intent = intentForKey(event);
        if (!intent) return;
        event.preventDefault();
        listener(intent);
      };
      window.addEventListener('keydown', onKeyDown);
      return () => {
        intentListeners.delete(listener);
        window.removeEventListener('keydown', onKeyDown);
      };
    },
    setDeadlines: async (incidentId, notices) => (await loadNotifications()).setDeadlines(incidentId, notices),
    notificationsPermission: (): NotificationsPermission => (Api ? Api.permission : 'unsupported'),
    enableNotifications: async () => (await loadNotifications()).enable(),
    // The browser's print dialog saves a PDF (Save as PDF) from the forms view.
    savePdf: null,
    saveFile: async ({ suggestedName, mimeType, content }) => {
      // A download from an object URL: no network, and not subject to the
      // Content-Security-Policy (a download is neither a fetch nor a navigation
      // of this document), which the e2e tests confirm against the built app.
      const url = URL.createObjectURL(new Blob([content], { type: mimeType }));
      const link = document.createElement('a');
      link.href = url;
      link.download = suggestedName;
      link.hidden = true;
      document.body.append(link);
      try {
        link.click();
      } finally {
        link.remove();
        // The download reads the blob asynchronously; give it time before letting go.
        setTimeout(() => URL.revokeObjectURL(url), 60_000);
      }
      return 'saved';
    },
    hotkeys: createWebHotkeys(safeLocalStorage(), keyPlatformOf(navigator.platform)),
    // Capture opens in this page, which reads the open incident from the store.
    setCaptureTarget: () => {},
    // A page cannot run a server: `npm run web` (or `npm run signal`) does, configured by its own flags.
    signaling: null,
    // A page cannot send or hear multicast: see WEB_DISCOVERY_UNAVAILABLE.
    discovery: null,
    // The page is updated by whoever serves it (npm run web from a newer build): nothing to set here.
    updates: null,
    signalingToOffer: async () => browserSignaling(location, await webSignalingPort()),
    keepStorage: async () => {
      // Only in a secure context (https, or this machine's own http://127.0.0.1).
      const storage = typeof navigator.storage?.persist === 'function' ? navigator.storage : null;
      if (!storage) return 'unsupported';
      if (await storage.persisted()) return 'persistent';
      return (await storage.persist()) ? 'persistent' : 'refused';
    },
    openStatusView: async (incidentId) => {
      // noopener: the observer tab cannot reach back into this one (window.open then returns null, opened or not).
      window.open(new URL(`#/status/${incidentId}`, location.href).href, '_blank', 'noopener');
    },
  };
}

async function browserNotifications(Api: typeof Notification | undefined, runIntent: (intent: Intent) => void): Promise<WebNotifications> {
  const { createWebNotifications } = await import('./web-notifications');
  return createWebNotifications({
    Notification: Api,
    storage: safeLocalStorage(),
    clock: { now: Date.now, setTimer: (callback, delayMs) => window.setTimeout(callback, delayMs), clearTimer: (handle) => window.clearTimeout(handle as number) },
    focusWindow: () => window.focus(),
    runIntent,
    onWake: (listener) => {
      document.addEventListener('visibilitychange', () => {
        if (document.visibilityState === 'visible') listener();
      });
      window.addEventListener('focus', listener);
    },
  });
}

/** localStorage, or null where the browser refuses it (some private modes throw on access). */
function safeLocalStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}
