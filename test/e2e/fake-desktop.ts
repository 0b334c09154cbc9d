/**
 * The desktop host without Electron: before the page loads, puts a bridge on
 * window.commandPost (as the preload does), answered by a scripted main in
 * the page. The renderer then runs exactly as in the desktop app (it picks
 * the Electron host when the bridge is there), so its desktop-only screens
 * are tested against the built renderer. Main itself is unit-tested with
 * Electron's APIs injected (test/unit/main).
 */
import type { Page } from '@playwright/test';
import { DEFAULT_HOTKEYS } from '../../src/shared/hotkeys/actions';
import type {
  CaptureTarget,
  DeadlineNotice,
  DiscoveredPeer,
  DiscoveryPreferences,
  DiscoveryStatus,
  HotkeyBindings,
  HotkeyStatus,
  Intent,
  ShareOnLanRequest,
  SignalingPreferences,
  SignalingStatus,
  UpdateSettingsStatus,
} from '../../src/shared/ipc';

export interface FakeMainOptions {
  /** The status main starts with. */
  status: SignalingStatus;
  /** Ports that another program holds: changing to one fails as EADDRINUSE does. */
  takenPorts?: number[];
  /** The hotkeys as main reports them (registered, taken by another program, …); every default registered unless told. */
  hotkeys?: HotkeyStatus;
  /** Discovery as main starts it: on, nothing found, unless told. Peers found later come through __fakeMain.setPeers. */
  discovery?: Partial<DiscoveryStatus>;
  /**
   * Settings → Updates: main's status (nothing set, an installed build with
   * its key, unless told) and the addresses main refuses, each with the
   * reason the test scripts (feed.ts's own are unit-tested). Any other
   * address is saved and then in use, unless the variable decides.
   */
  updates?: { status?: Partial<UpdateSettingsStatus>; refusals?: Record<string, string> };
}

declare global {
  interface Window {
    /** What the fake main was asked, for the test to check, and main's side of intents for the test to play. */
    __fakeMain?: {
      changes: SignalingPreferences[];
      deadlines: Record<string, DeadlineNotice[]>;
      hotkeyChanges: HotkeyBindings[];
      suspended: boolean[];
      /** Every target the page reported for quick capture, in order. */
      captureTargets: (CaptureTarget | null)[];
      /** Main sending an intent (a hotkey, the capture window's entry). */
      sendIntent(intent: Intent): void;
      /** Every 'Share on this network' and its withdrawal, in order (main's discovery is unit-tested and tested between network namespaces). */
      lanShares: (ShareOnLanRequest | { unshare: string })[];
      /** Every discovery settings change the page saved. */
      discoveryChanges: DiscoveryPreferences[];
      /** Main finding command posts on the network (or losing them): the page hears it as from main. */
      setPeers(peers: DiscoveredPeer[]): void;
      /** Main rotating a share's announced id: a fresh one first, the one it replaces still answered (main's 15 minutes, played at once). */
      rotateShare(shareKey: string): void;
      /** Main ceasing to answer at the id a rotation replaced (its two minutes over). */
      retirePreviousId(shareKey: string): void;
      /** Every address the page asked main to save (null: cleared), refused or not. */
      updateFeeds: (string | null)[];
      /** How many times the page asked main to check for updates. */
      updateChecks: number;
    };
  }
}

export async function installFakeDesktop(page: Page, options: FakeMainOptions): Promise<void> {
  await page.addInitScript((opts: FakeMainOptions & { defaultHotkeys: HotkeyStatus }) => {
    let status = structuredClone(opts.status);
    const changes: SignalingPreferences[] = [];
    // Main's notification scheduler is unit-tested; here the list each incident last sent is kept.
    const deadlines: Record<string, DeadlineNotice[]> = {};
    let hotkeys = structuredClone(opts.hotkeys ?? opts.defaultHotkeys);
    const hotkeyChanges: HotkeyBindings[] = [];
    const suspended: boolean[] = [];
    const captureTargets: (CaptureTarget | null)[] = [];
    const intentListeners = new Set<(intent: Intent) => void>();
    const lanShares: (ShareOnLanRequest | { unshare: string })[] = [];
    const discoveryChanges: DiscoveryPreferences[] = [];
    const discoveryListeners = new Set<(status: DiscoveryStatus) => void>();
    let discovery: DiscoveryStatus = {
      enabled: true,
      disabledReason: null,
      settings: { enabled: true, displayName: '' },
      envOverride: null,
      watching: false,
      shares: [],
      peers: [],
      error: null,
      settingsProblem: null,
      ...opts.discovery,
    };
    const announce = (next: DiscoveryStatus) => {
      discovery = next;
      for (const listener of discoveryListeners) listener(structuredClone(discovery));
      return structuredClone(discovery);
    };
    let updates: UpdateSettingsStatus = {
      feedUrl: null,
      envOverride: null,
      inUse: null,
      problem: null,
      packaged: true,
      hasSigningKey: true,
      signingKeyProblem: null,
      settingsProblem: null,
      ...opts.updates?.status,
    };
    const updateFeeds: (string | null)[] = [];
    const announcedId = () => Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
    window.__fakeMain = {
      changes,
      deadlines,
      hotkeyChanges,
      suspended,
      captureTargets,
      sendIntent: (intent) => {
        for (const listener of intentListeners) listener(structuredClone(intent));
      },
      lanShares,
      discoveryChanges,
      setPeers: (peers) => {
        // Main lists peers only while the page watches.
        announce({ ...discovery, peers: discovery.watching ? structuredClone(peers) : [] });
      },
      rotateShare: (shareKey) => {
        announce({ ...discovery, shares: discovery.shares.map((s) => (s.shareKey === shareKey ? { ...s, ids: [announcedId(), s.ids[0]!] } : s)) });
      },
      retirePreviousId: (shareKey) => {
        announce({ ...discovery, shares: discovery.shares.map((s) => (s.shareKey === shareKey ? { ...s, ids: [s.ids[0]!] } : s)) });
      },
      updateFeeds,
      updateChecks: 0,
    };
    const where = (s: SignalingStatus) =>
      s.exposedOnLan ? `on port ${s.port} of every network interface` : `on ws://127.0.0.1:${s.port} (this computer only)`;
    const bridge = {
      getAppInfo: async () => ({ name: 'Command Post', version: '0.1.0', platform: 'linux', electron: '45.4.1' }),
      setWindowTitle: async (title: string) => {
        document.title = title;
      },
      saveTextFile: async () => 'cancelled' as const,
      savePdf: async () => 'cancelled' as const,
      setDeadlines: async (incidentId: string, notices: DeadlineNotice[]) => {
        deadlines[incidentId] = structuredClone(notices);
      },
      // Main's hotkey registry is unit-tested; here a change is taken as registered.
      getHotkeyStatus: async () => structuredClone(hotkeys),
      setHotkeys: async (bindings: HotkeyBindings) => {
        hotkeyChanges.push(bindings);
        hotkeys = { ...hotkeys, entries: hotkeys.entries.map((e) => ({ ...e, accelerator: bindings[e.action], state: bindings[e.action] ? 'registered' : 'off', message: null })) };
        return { status: structuredClone(hotkeys), error: null };
      },
      resetHotkeys: async () => ({ status: structuredClone(hotkeys), error: null }),
      suspendHotkeys: async (value: boolean) => {
        suspended.push(value);
      },
      setCaptureTarget: async (target: CaptureTarget | null) => {
        captureTargets.push(target);
      },
      // Plays the application menu: its accelerators (src/main/menu/intents.ts) arrive as intents.
      onIntent: (listener: (intent: Intent) => void) => {
        intentListeners.add(listener);
        const onKeyDown = (event: KeyboardEvent) => {
          if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
          const key = event.key.toLowerCase();
          const type =
            key === 'l' && !event.shiftKey
              ? 'focus-quick-entry'
              : key === 'd' && event.shiftKey
                ? 'declare-incident'
                : key === 'h' && event.shiftKey
                  ? 'show-incident-list'
                  : key === 'f' && event.shiftKey
                  ? 'search-incidents'
                  : key === ',' && !event.shiftKey
                    ? 'open-settings'
                    : null;
          if (!type) return;
          event.preventDefault();
          listener({ type } as Intent);
        };
        window.addEventListener('keydown', onKeyDown);
        return () => {
          intentListeners.delete(listener);
          window.removeEventListener('keydown', onKeyDown);
        };
      },
      getSignalingStatus: async () => structuredClone(status),
      setSignalingSettings: async (preferences: SignalingPreferences) => {
        changes.push(preferences);
        const exposeOnLan = status.envOverrides.exposeOnLan ? status.exposedOnLan : preferences.exposeOnLan;
        const port = status.envOverrides.port ? status.port : preferences.port;
        if ((opts.takenPorts ?? []).includes(port)) {
          const host = exposeOnLan ? '0.0.0.0' : '127.0.0.1';
          const error =
            `Signaling server could not listen on ${host}:${port}: port ${port} is already in use on ${host} ` +
            `(another command post or signaling server is probably running there). Choose another port in Settings. ` +
            `The signaling server is still listening ${where(status)}.`;
          return { status: structuredClone(status), error };
        }
        status = { ...status, listening: true, exposedOnLan: exposeOnLan, port, localUrl: `ws://127.0.0.1:${port}`, error: null, settings: preferences };
        return { status: structuredClone(status), error: null };
      },
      getDiscoveryStatus: async () => structuredClone(discovery),
      watchDiscovery: async (on: boolean) => announce({ ...discovery, watching: on && discovery.enabled, peers: on ? discovery.peers : [] }),
      shareOnLan: async (request: ShareOnLanRequest) => {
        lanShares.push(structuredClone(request));
        if (!discovery.enabled) return { status: structuredClone(discovery), share: null, message: discovery.disabledReason ?? 'Discovery is off.' };
        const share = { shareKey: request.shareKey, ids: [announcedId()], showsIncident: request.incident !== null };
        const status = announce({ ...discovery, shares: [...discovery.shares.filter((s) => s.shareKey !== request.shareKey), share] });
        return { status, share, message: null };
      },
      unshareOnLan: async (shareKey: string) => {
        lanShares.push({ unshare: shareKey });
        return announce({ ...discovery, shares: discovery.shares.filter((s) => s.shareKey !== shareKey) });
      },
      setDiscoverySettings: async (preferences: DiscoveryPreferences) => {
        discoveryChanges.push(preferences);
        const enabled = discovery.envOverride ? discovery.enabled : preferences.enabled;
        const status = announce({ ...discovery, enabled, settings: preferences, shares: enabled ? discovery.shares : [], peers: enabled ? discovery.peers : [], watching: enabled && discovery.watching });
        return { status, error: null };
      },
      getUpdateStatus: async () => structuredClone(updates),
      setUpdateFeed: async (feedUrl: string | null) => {
        updateFeeds.push(feedUrl);
        const typed = feedUrl === null || feedUrl.trim() === '' ? null : feedUrl.trim();
        const refusal = typed === null ? undefined : opts.updates?.refusals?.[typed];
        if (refusal) return { status: structuredClone(updates), error: refusal };
        const inUse = typed === null ? null : typed.startsWith('/') ? `the folder ${typed}` : typed;
        updates = { ...updates, feedUrl: typed, ...(updates.envOverride ? {} : { inUse, problem: null }) };
        return { status: structuredClone(updates), error: null };
      },
      checkForUpdates: async () => {
        window.__fakeMain!.updateChecks += 1;
      },
      onDiscovery: (listener: (status: DiscoveryStatus) => void) => {
        discoveryListeners.add(listener);
        return () => discoveryListeners.delete(listener);
      },
    };
    Object.defineProperty(window, 'commandPost', { value: bridge });
  }, { ...options, defaultHotkeys: registeredHotkeys() });
}

/** Main's answer when every default hotkey registered. */
export function registeredHotkeys(overrides: Partial<Record<HotkeyStatus['entries'][number]['action'], Partial<HotkeyStatus['entries'][number]>>> = {}): HotkeyStatus {
  return {
    global: true,
    platform: 'other',
    entries: Object.entries(DEFAULT_HOTKEYS).map(([action, accelerator]) => ({
      action: action as keyof HotkeyBindings,
      accelerator,
      state: 'registered' as const,
      message: null,
      ...overrides[action as keyof HotkeyBindings],
    })),
    sessionNotice: null,
    settingsProblem: null,
  };
}

/** Plays main sending the page an intent (a hotkey press, the capture window's entry). */
export async function sendIntent(page: Page, intent: Intent): Promise<void> {
  await page.evaluate((i) => window.__fakeMain?.sendIntent(i), intent);
}

/** What main says about a server that listens on loopback, 4444, with nothing overridden. */
export function loopbackStatus(overrides: Partial<SignalingStatus> = {}): SignalingStatus {
  return {
    listening: true,
    port: 4444,
    exposedOnLan: false,
    localUrl: 'ws://127.0.0.1:4444',
    lanAddresses: ['192.168.1.20', '10.0.0.7'],
    error: null,
    settings: { exposeOnLan: false, port: 4444 },
    envOverrides: { exposeOnLan: null, port: null },
    settingsProblem: null,
    ...overrides,
  };
}

export async function fakeMainChanges(page: Page): Promise<SignalingPreferences[]> {
  return page.evaluate(() => window.__fakeMain?.changes ?? []);
}
