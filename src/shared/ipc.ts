/**
 * The one contract between main, preload and renderer.
 *
 * `invokeContract` lists every call the renderer may make into main: its
 * channel, the name of the preload function that makes it, and zod schemas
 * for its arguments (main validates every payload against them) and for its
 * result. Everything else is derived from it by the compiler: main's handler
 * map (src/main/ipc/types.ts), the preload bridge's type (`CommandPostBridge`,
 * which the preload's object `satisfies`) and the renderer's `Host` where it
 * mirrors a call (src/renderer/host/types.ts). There is no generic
 * `invoke(channel)` anywhere the page can reach.
 *
 * Main never holds incident state: the renderer tells main what it needs to
 * show (a window title), main keeps this machine's settings and its
 * signaling server, and main hands the renderer intents (a menu
 * accelerator was pressed), never raw Electron events.
 */
import { z } from 'zod';
import { CAPTURE_KINDS, HOTKEY_ACTIONS } from './ipc-names';

// The contract's names that need no schema, kept apart so a page can start without zod.
export { BRIDGE_KEY, CAPTURE_BRIDGE_KEY, CAPTURE_KINDS, HOTKEY_ACTIONS } from './ipc-names';

export const AppInfo = z.object({
  name: z.string(),
  version: z.string(),
  platform: z.string(),
  electron: z.string(),
});
export type AppInfo = z.infer<typeof AppInfo>;

/** A time in milliseconds since the epoch. */
const Timestamp = z.number().int().nonnegative().max(8.64e15);

export const CaptureKind = z.enum(CAPTURE_KINDS);
export type CaptureKind = z.infer<typeof CaptureKind>;

export const HotkeyAction = z.enum(HOTKEY_ACTIONS);
export type HotkeyAction = z.infer<typeof HotkeyAction>;

/**
 * An accelerator as Electron writes it ("CommandOrControl+Alt+Shift+K"), or
 * '' for an action with no key. Main reads it with parseAccelerator
 * (src/shared/hotkeys/accelerator.ts), which says what is wrong with one.
 */
export const AcceleratorText = z
  .string()
  .max(100, 'A key combination is at most 100 characters.')
  .regex(/^[A-Za-z0-9+ ,./;'[\]\\`=-]*$/, 'A key combination is written like CommandOrControl+Alt+Shift+K.');

/** One accelerator per action, every action named once. */
export const HotkeyBindings = z.record(HotkeyAction, AcceleratorText);
export type HotkeyBindings = z.infer<typeof HotkeyBindings>;

/**
 * How one binding stands: 'registered' with the operating system;
 * 'unconfirmed' (asked for, but the system does not say whether it took it:
 * a Wayland session); 'taken' by another program; 'invalid'; 'in-app'
 * (works only while Command Post has focus: a browser, or global hotkeys
 * unavailable); 'off' (no key).
 */
export const HotkeyState = z.enum(['registered', 'unconfirmed', 'taken', 'invalid', 'in-app', 'off']);
export type HotkeyState = z.infer<typeof HotkeyState>;

export const HotkeyEntry = z.object({
  action: HotkeyAction,
  accelerator: AcceleratorText,
  state: HotkeyState,
  /** What went wrong and what to do instead, in words; null when nothing did. */
  message: z.string().max(1000).nullable(),
});
export type HotkeyEntry = z.infer<typeof HotkeyEntry>;

export const HotkeyStatus = z.object({
  /** Whether the host registers the keys with the operating system (the desktop app) or listens in its page only (a browser). */
  global: z.boolean(),
  /** How CommandOrControl reads: Command on a Mac, Control elsewhere. */
  platform: z.enum(['mac', 'other']),
  entries: z.array(HotkeyEntry).max(HOTKEY_ACTIONS.length),
  /** About every hotkey at once (a Wayland session), in words; null when there is nothing to say. */
  sessionNotice: z.string().max(2000).nullable(),
  /** What went wrong reading the settings file at start-up, if anything. */
  settingsProblem: z.string().max(2000).nullable(),
});
export type HotkeyStatus = z.infer<typeof HotkeyStatus>;

/** After a change: the status as it now is, and why the change was refused, if it was (then nothing changed). */
export const HotkeyChangeResult = z.object({ status: HotkeyStatus, error: z.string().max(2000).nullable() });
export type HotkeyChangeResult = z.infer<typeof HotkeyChangeResult>;

/**
 * An incident id as the domain writes them (INCIDENT_ID in
 * src/shared/incident/exchange.ts; repeated because the preload bundles this
 * file, which may import nothing but zod).
 */
const IncidentIdField = z.string({ error: 'The incident id is missing.' }).regex(/^[A-Za-z0-9-]{1,64}$/, 'The incident id is not valid.');

/**
 * The longest text quick capture sends: the domain's MAX_EVENT_TEXT
 * (src/shared/incident/commands.ts; a unit test keeps the two equal).
 */
export const MAX_CAPTURE_TEXT = 5000;

/**
 * Where quick capture logs: the incident open in the main window, which
 * tells main (main holds no incident state), with why it cannot take an
 * entry now, if it cannot (ended, still loading, no name signed in).
 */
export const CaptureTarget = z.strictObject({
  incidentId: IncidentIdField,
  name: z.string().min(1).max(100),
  refusal: z.string().max(300).nullable(),
});
export type CaptureTarget = z.infer<typeof CaptureTarget>;

/** Main to the capture window: a hotkey was pressed at `at`; the type to preset (null: keep the last one) and where it logs. */
export const CaptureOpen = z.object({ kind: CaptureKind.nullable(), at: Timestamp, target: CaptureTarget.nullable() });
export type CaptureOpen = z.infer<typeof CaptureOpen>;

/** The capture window to main: what to log, and when it happened if the person said ("@09:30"). Main adds the incident and, without a stated time, the time of the press it opened for. */
export const CaptureEntry = z.strictObject({
  kind: CaptureKind,
  at: Timestamp.optional(),
  text: z.string().trim().min(1, 'Write what happened.').max(MAX_CAPTURE_TEXT, `An event is at most ${MAX_CAPTURE_TEXT} characters.`),
});
export type CaptureEntry = z.infer<typeof CaptureEntry>;

export const CaptureSubmitResult = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true) }),
  z.object({ ok: z.literal(false), message: z.string().max(1000) }),
]);
export type CaptureSubmitResult = z.infer<typeof CaptureSubmitResult>;

/** What the user asked for from outside the page: the menu, a global hotkey, a clicked notification. */
export const Intent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('focus-quick-entry') }),
  z.object({ type: z.literal('declare-incident') }),
  z.object({ type: z.literal('show-incident-list') }),
  z.object({ type: z.literal('search-incidents') }),
  z.object({ type: z.literal('open-settings') }),
  /** A deadline notification was clicked: show that incident (and, later, that item in it). */
  z.object({
    type: z.literal('show-item'),
    incidentId: z.string().regex(/^[A-Za-z0-9-]{1,64}$/),
    item: z.string().max(200).optional(),
  }),
  /** A hotkey while the main window had focus: open quick capture in the page, timed at the press. */
  z.object({ type: z.literal('capture'), kind: CaptureKind.nullable(), at: Timestamp }),
  /** An entry from the capture window, for the page to log to that incident at the time of the press. */
  z.object({ type: z.literal('log-entry'), incidentId: IncidentIdField, kind: CaptureKind, text: CaptureEntry.shape.text, at: Timestamp }),
  /** The mark-key hotkey: mark the open incident's last event as a key event. */
  z.object({ type: z.literal('mark-key') }),
]);
export type Intent = z.infer<typeof Intent>;

/**
 * The largest text file the renderer may ask main to save: the incident-file
 * cap (MAX_INCIDENT_FILE_BYTES in src/shared/incident/exchange.ts; a unit test
 * keeps the two equal). Repeated here because the preload bundles this file,
 * which may import nothing but zod.
 */
export const MAX_SAVED_TEXT_CHARS = 64 * 1024 * 1024;

/**
 * A file name the renderer suggests for a save dialog: a name, never a path
 * (no separators, no "." or "..", no leading dot), without characters that
 * Windows, macOS or Linux refuse, and short enough for every file system.
 */
/**
 * Names Windows keeps for devices, whatever the extension ("nul.txt" opens
 * the null device, not a file), case aside and with trailing spaces; the
 * superscript digits count too. Refused on every platform: a file saved on
 * Linux under such a name is carried to Windows on a USB stick.
 */
const WINDOWS_DEVICE = /^(?:con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)$/i;

/**
 * Characters that change how a name reads without showing: C1 controls, and
 * the marks and overrides that reverse the direction of what follows ("invoice
 * \u202Efdp.exe" reads as "invoiceexe.pdf" and runs as a program).
 */
const HIDDEN_CHARACTERS = /[\u0080-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

export const SafeFileName = z
  .string()
  .min(1, 'The file name is empty.')
  .max(120, 'The file name is longer than 120 characters.')
  .refine(
    (name) => !/[/\\:*?"<>|]/.test(name) && ![...name].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f),
    'The file name contains a character file systems refuse.',
  )
  .refine((name) => !name.startsWith('.') && !name.endsWith('.') && !name.endsWith(' '), 'The file name may not start with a dot or end with a dot or space.')
  .refine((name) => !HIDDEN_CHARACTERS.test(name), 'The file name holds an invisible or direction-changing character, which could disguise what kind of file it is.')
  .refine((name) => !WINDOWS_DEVICE.test(name.split('.')[0]!.trimEnd()), 'The file name is one Windows keeps for a device (CON, NUL, COM1…): choose another.');

export const SaveTextFileRequest = z.strictObject({
  suggestedName: SafeFileName,
  content: z.string().max(MAX_SAVED_TEXT_CHARS, 'The file is larger than 64 MB.'),
});
export type SaveTextFileRequest = z.infer<typeof SaveTextFileRequest>;

/**
 * The page as it is now, printed to a PDF by the desktop app
 * (webContents.printToPDF, on the paper the page's @page rule asks for),
 * then saved where the user chooses: the printed ICS forms.
 */
export const SavePdfRequest = z.strictObject({
  suggestedName: SafeFileName.refine((name) => /\.pdf$/i.test(name), 'A PDF file name ends in .pdf.'),
  paper: z.enum(['letter', 'a4']),
});
export type SavePdfRequest = z.infer<typeof SavePdfRequest>;

export const SaveFileResult = z.enum(['saved', 'cancelled']);
export type SaveFileResult = z.infer<typeof SaveFileResult>;

/** Ports below 1024 need administrator rights on most systems, so the settings stay above them. */
export const SIGNALING_PORT_MIN = 1024;
export const SIGNALING_PORT_MAX = 65_535;

/** Where this machine's signaling server listens, as the user chose it in Settings. */
export const SignalingPreferences = z.strictObject({
  /** Listen on every network interface, so other computers can connect. Off unless asked for. */
  exposeOnLan: z.boolean(),
  port: z
    .number({ error: 'The port must be a number.' })
    .int('The port must be a whole number.')
    .min(SIGNALING_PORT_MIN, `Use a port from ${SIGNALING_PORT_MIN} to ${SIGNALING_PORT_MAX}: lower ports need administrator rights.`)
    .max(SIGNALING_PORT_MAX, `Use a port from ${SIGNALING_PORT_MIN} to ${SIGNALING_PORT_MAX}.`),
});
export type SignalingPreferences = z.infer<typeof SignalingPreferences>;

/** An environment variable that decided a setting when the app started; it wins over Settings. */
export const EnvOverride = z.object({ variable: z.string().max(100), value: z.string().max(100) });
export type EnvOverride = z.infer<typeof EnvOverride>;

/** What the signaling server inside the desktop app is doing, for the Settings dialog and invites. */
export const SignalingStatus = z.object({
  listening: z.boolean(),
  /** The port bound, or the port it should bind when it is not listening. */
  port: z.number().int().min(0).max(SIGNALING_PORT_MAX),
  /** Listening on every interface (other computers can connect), not on loopback only. */
  exposedOnLan: z.boolean(),
  /** How a client on this machine connects, when listening. */
  localUrl: z.string().max(200).nullable(),
  /** This machine's IPv4 addresses other computers can reach, whether or not the server listens on them. */
  lanAddresses: z.array(z.string().max(100)).max(64),
  /** Why the server is not listening where it should (the port is taken, a variable is not understood). */
  error: z.string().max(2000).nullable(),
  /** The saved settings (what the app uses when no environment variable overrides them). */
  settings: z.object({ exposeOnLan: z.boolean(), port: z.number().int() }),
  envOverrides: z.object({ exposeOnLan: EnvOverride.nullable(), port: EnvOverride.nullable() }),
  /** What went wrong reading the settings file at start-up, if anything. */
  settingsProblem: z.string().max(2000).nullable(),
  /**
   * Open to the LAN only because an incident is shared on this network
   * ('Share on this network'): it closes again when the last such share
   * stops, unless exposeOnLan is on in Settings. Absent where nothing shares.
   */
  openForShare: z.boolean().optional(),
});
export type SignalingStatus = z.infer<typeof SignalingStatus>;

/** After a change: the status as it now is, and what failed, in words, if anything did. */
export const SignalingChangeResult = z.object({ status: SignalingStatus, error: z.string().max(2000).nullable() });
export type SignalingChangeResult = z.infer<typeof SignalingChangeResult>;

// ---- Finding command posts on the LAN (issue 23; src/main/discovery) -------

/** Longest display name a machine announces (MAX_DISPLAY_NAME in src/shared/sync/lan-announcement.ts; a unit test keeps them equal). */
export const MAX_DISCOVERY_NAME = 40;
/** The most command posts a list holds: a hostile machine may announce thousands. */
export const MAX_DISCOVERED_PEERS = 64;
/** Incidents one machine announces at once. */
export const MAX_ANNOUNCED_SHARES = 8;
const AnnouncedIdField = z.string().regex(/^[0-9a-f]{32}$/, 'Not an announced id.');
const Severity = z.enum(['SEV-1', 'SEV-2', 'SEV-3', 'SEV-4', 'SEV-5']);

/** Finding and being found on this network, as chosen in Settings. */
export const DiscoveryPreferences = z.strictObject({
  /** Announce shares and list others at all. On unless turned off here or by COMMAND_POST_DISCOVERY=0. */
  enabled: z.boolean(),
  /** What other machines' lists call this one; '' announces no name. Never the host name unless typed here. */
  displayName: z.string().max(MAX_DISCOVERY_NAME * 4, `A display name is at most ${MAX_DISCOVERY_NAME} characters.`),
});
export type DiscoveryPreferences = z.infer<typeof DiscoveryPreferences>;

/**
 * 'Share on this network' for one incident. `incident` is the codename and
 * severity to announce, sent only when the IC turned on "show this
 * incident's name to the network" for this share; null announces neither.
 * `shareKey` is the renderer's own handle for the share (the incident id): it
 * is never announced.
 */
export const ShareOnLanRequest = z.strictObject({
  shareKey: IncidentIdField,
  incident: z.strictObject({ codename: z.string().min(1).max(200), severity: Severity.nullable() }).nullable(),
});
export type ShareOnLanRequest = z.infer<typeof ShareOnLanRequest>;

/** One share this machine announces. */
export const AnnouncedShare = z.object({
  shareKey: z.string().max(64),
  /** The announced ids to answer knocks at: the current one first, then one just rotated out (for knocks under way). */
  ids: z.array(AnnouncedIdField).min(1).max(2),
  showsIncident: z.boolean(),
});
export type AnnouncedShare = z.infer<typeof AnnouncedShare>;

/** A command post another machine announces, as read and checked by main. */
export const DiscoveredPeer = z.object({
  id: AnnouncedIdField,
  displayName: z.string().max(MAX_DISCOVERY_NAME * 2).nullable(),
  codename: z.string().max(100).nullable(),
  severity: Severity.nullable(),
  /** Its signaling server. */
  port: z.number().int().min(1).max(SIGNALING_PORT_MAX),
  /** IPv4 addresses to try, the one its announcement came from first. */
  addresses: z.array(z.string().max(15)).min(1).max(4),
  firstSeenAt: Timestamp,
  lastSeenAt: Timestamp,
});
export type DiscoveredPeer = z.infer<typeof DiscoveredPeer>;

export const DiscoveryStatus = z.object({
  /** Announcing and listing happen at all (Settings and the environment agree). */
  enabled: z.boolean(),
  /** Why not, in words, when not. */
  disabledReason: z.string().max(500).nullable(),
  settings: DiscoveryPreferences,
  envOverride: EnvOverride.nullable(),
  /** Listening for announcements now ('discovery:watch'). */
  watching: z.boolean(),
  shares: z.array(AnnouncedShare).max(MAX_ANNOUNCED_SHARES),
  peers: z.array(DiscoveredPeer).max(MAX_DISCOVERED_PEERS),
  /** What went wrong on the network (no multicast route, a port taken), if anything. */
  error: z.string().max(2000).nullable(),
  settingsProblem: z.string().max(2000).nullable(),
});
export type DiscoveryStatus = z.infer<typeof DiscoveryStatus>;

/** After announcing: whether it is, and why not when not (discovery off, the LAN closed by the environment). */
export const ShareOnLanResult = z.object({ status: DiscoveryStatus, share: AnnouncedShare.nullable(), message: z.string().max(2000).nullable() });
export type ShareOnLanResult = z.infer<typeof ShareOnLanResult>;

export const DiscoveryChangeResult = z.object({ status: DiscoveryStatus, error: z.string().max(2000).nullable() });
export type DiscoveryChangeResult = z.infer<typeof DiscoveryChangeResult>;

/** Main to renderer: the list or this machine's shares changed (a peer came or went, an id rotated). */
export const DISCOVERY_CHANNEL = 'discovery:changed' as const;

// ---- Where updates come from (src/main/updates; Settings → Updates) -------

/** The longest update address main accepts (parseFeedLocation in src/main/updates/feed.ts says the same). */
export const MAX_UPDATE_ADDRESS = 2048;
/**
 * Main's messages about an address quote it, with any invisible character
 * spelled out, so they can be several times its length: bounded, not clipped.
 */
const UpdateMessage = z.string().max(20_000);

/**
 * COMMAND_POST_UPDATE_URL as main read it: the signaling EnvOverride holds a
 * port or a switch, too short for an address. `value` is clipped and has its
 * invisible characters spelled out by main.
 */
export const UpdateEnvOverride = z.object({ variable: z.string().max(100), value: z.string().max(MAX_UPDATE_ADDRESS + 1) });
export type UpdateEnvOverride = z.infer<typeof UpdateEnvOverride>;

export const UpdateSettingsStatus = z.object({
  /** The address saved in settings.json (updates.feedUrl), hidden characters spelled out; null when none is. */
  feedUrl: z.string().max(MAX_UPDATE_ADDRESS).nullable(),
  /** Set when the environment decides the address: it wins over the saved one. */
  envOverride: UpdateEnvOverride.nullable(),
  /** The feed Check for updates… would use, in words; null when there is none. */
  inUse: UpdateMessage.nullable(),
  /** Why the address that decides cannot be used; null when it can, or when none is set. */
  problem: UpdateMessage.nullable(),
  /** An installed build (a development build is never replaced by an update). */
  packaged: z.boolean(),
  /** Whether this build carries the organisation's public update signing key: without it, every update is refused. */
  hasSigningKey: z.boolean(),
  /** What is wrong with the key the build carries (a private key, not Ed25519), if anything. */
  signingKeyProblem: z.string().max(2000).nullable(),
  settingsProblem: z.string().max(2000).nullable(),
});
export type UpdateSettingsStatus = z.infer<typeof UpdateSettingsStatus>;

/** After saving an address: the status as it now is, and why the address was refused (then nothing was saved). */
export const UpdateFeedChangeResult = z.object({ status: UpdateSettingsStatus, error: UpdateMessage.nullable() });
export type UpdateFeedChangeResult = z.infer<typeof UpdateFeedChangeResult>;

/** Where a clicked notification leads: the incident, and later the item in it (a task, a timer). */
export const NoticeTarget = z.strictObject({
  view: z.literal('incident'),
  incidentId: IncidentIdField,
  item: z.string().min(1).max(200).optional(),
});
export type NoticeTarget = z.infer<typeof NoticeTarget>;

/**
 * One deadline the local responder should be told about when it comes due.
 * `key` names this *occurrence* of the deadline (e.g. `task:<id>:<dueAt>`):
 * a deadline that is extended or moved gets a new key, so it notifies again
 * at its new time and never at the old one, while a peer editing the task's
 * title keeps the key and does not re-notify.
 */
export const DeadlineNotice = z.strictObject({
  key: z.string().min(1, 'A deadline has an empty key.').max(200, 'A deadline key is longer than 200 characters.'),
  incidentId: IncidentIdField,
  title: z.string().min(1, 'A deadline has no title.').max(120, 'A deadline title is longer than 120 characters.'),
  body: z.string().max(300, 'A deadline text is longer than 300 characters.'),
  /** When it is due, in milliseconds since the epoch. */
  dueAt: z.number().int().nonnegative().max(8.64e15),
  target: NoticeTarget,
});
export type DeadlineNotice = z.infer<typeof DeadlineNotice>;

/** More deadlines than any one incident's action plan holds; the cap keeps a page from flooding main. */
export const MAX_DEADLINES_PER_INCIDENT = 500;

/** The full current list of one incident's deadlines: each names that incident, and no key twice. */
export const IncidentDeadlines = z
  .array(DeadlineNotice)
  .max(MAX_DEADLINES_PER_INCIDENT, `More than ${MAX_DEADLINES_PER_INCIDENT} deadlines for one incident.`)
  .refine((notices) => new Set(notices.map((n) => n.key)).size === notices.length, 'Two deadlines have the same key.');

/**
 * The shape every contract has: per channel, the name of the bridge function
 * that calls it and the zod schemas of its argument tuple and its result.
 * Only zod and plain types here, since the preload bundles this file.
 */
export type Contract = {
  readonly [channel: string]: { readonly bridge: string; readonly args: z.ZodType<unknown[], unknown[]>; readonly result: z.ZodType };
};

/**
 * The path of one call, exporting the open incident in the desktop app,
 * from the click to main and back:
 *
 * 1. Renderer. The Export button (features/incident/IncidentHeader.tsx)
 *    runs exportOpenIncident() (renderer/incidents/incident-files.ts),
 *    which builds the file and calls host.saveFile(file). `Host` is the page's only way
 *    out of itself.
 * 2. Renderer host. In Electron, host/electron.ts hands the name and the
 *    content to bridge.saveTextFile, the function the preload put on
 *    window.commandPost (BRIDGE_KEY). In a browser, host/web.ts starts a
 *    download instead and no IPC happens; both answer a SaveFileResult,
 *    because `Host` takes that type from this contract.
 * 3. Preload (src/preload/bridge.ts). saveTextFile copies the two fields
 *    the contract names (a page cannot smuggle more) and invokes
 *    'file:save-text'. The bridge object satisfies `CommandPostBridge`,
 *    derived from the entry below, so a channel it does not list, wrong
 *    arguments, or a function too many or too few fail `npm run typecheck`.
 * 4. Main (src/main/ipc/register.ts). The one handler registered for the
 *    channel refuses any sender but the main frame of the main window
 *    showing the app's own page (security/trusted-sender.ts), parses the
 *    arguments with the entry's `args` tuple (extra or missing ones
 *    refused), and only then calls the handler.
 * 5. Main's handler (src/main/ipc/handlers.ts, then files/save-text.ts)
 *    shows a save dialog, writes the file and answers 'saved' or
 *    'cancelled'. The handler map is typed from this contract, so a channel
 *    without a handler, or a handler without a channel, does not compile.
 * 6. Back. register.ts parses the answer with the entry's `result` (main
 *    cannot send what the contract does not promise), Electron resolves the
 *    invoke's promise in the preload, and it reaches the page. A rejection
 *    carries main's message, which host/electron.ts unwraps for the notice.
 *
 * Adding a call is therefore one entry here; the compiler then asks for its
 * handler in main and its function in the preload, and `Host` uses the
 * derived types (InvokeCall, InvokeArgs) where the page should reach it.
 */
export const invokeContract = {
  'app:get-info': { bridge: 'getAppInfo', args: z.tuple([]), result: AppInfo },
  'window:set-title': { bridge: 'setWindowTitle', args: z.tuple([z.string().max(200)]), result: z.void() },
  /** Asks where to save (a native save dialog), then writes the text there. */
  'file:save-text': { bridge: 'saveTextFile', args: z.tuple([SaveTextFileRequest]), result: SaveFileResult },
  /** Prints the asking page to a PDF and asks where to save it (the ICS forms, features/forms). */
  'file:save-pdf': { bridge: 'savePdf', args: z.tuple([SavePdfRequest]), result: SaveFileResult },
  'signaling:get-status': { bridge: 'getSignalingStatus', args: z.tuple([]), result: SignalingStatus },
  /** Saves the signaling settings and moves the server to the new address (the old one stays if the new one fails). */
  'signaling:set-settings': { bridge: 'setSignalingSettings', args: z.tuple([SignalingPreferences]), result: SignalingChangeResult },
  /**
   * Replaces the deadlines main notifies for one incident with this list
   * (an empty list unschedules them all). Each must belong to that incident.
   */
  'notifications:set-deadlines': {
    bridge: 'setDeadlines',
    args: z
      .tuple([IncidentIdField, IncidentDeadlines])
      .refine(
        ([incidentId, notices]) => notices.every((n) => n.incidentId === incidentId && n.target.incidentId === incidentId),
        'Every deadline must belong to the incident it is sent for.',
      ),
    result: z.void(),
  },
  /** The hotkeys and how each stands (registered, taken by another program, …). */
  'hotkeys:get-status': { bridge: 'getHotkeyStatus', args: z.tuple([]), result: HotkeyStatus },
  /** Saves the bindings and registers them; refused as a whole (nothing changes) when two actions share a key or one is not valid. */
  'hotkeys:set-bindings': { bridge: 'setHotkeys', args: z.tuple([HotkeyBindings]), result: HotkeyChangeResult },
  /** Back to the default keys. */
  'hotkeys:reset': { bridge: 'resetHotkeys', args: z.tuple([]), result: HotkeyChangeResult },
  /** Stops the hotkeys from firing while Settings records a new key (true), and lets them fire again (false). */
  'hotkeys:suspend': { bridge: 'suspendHotkeys', args: z.tuple([z.boolean()]), result: z.void() },
  /** Where quick capture logs now: the open incident, or null when none is. */
  'capture:set-target': { bridge: 'setCaptureTarget', args: z.tuple([CaptureTarget.nullable()]), result: z.void() },
  /** Opens the incident's read-only status view in a window of its own (or brings it up). */
  'window:open-status': { bridge: 'openStatusWindow', args: z.tuple([IncidentIdField]), result: z.void() },
  /** What this machine announces and has found on the network. */
  'discovery:get-status': { bridge: 'getDiscoveryStatus', args: z.tuple([]), result: DiscoveryStatus },
  /** Starts (true) or stops (false) listening for other command posts: while 'Join shared incident…' is open. */
  'discovery:watch': { bridge: 'watchDiscovery', args: z.tuple([z.boolean()]), result: DiscoveryStatus },
  /**
   * 'Share on this network': announces the share (or updates what it shows)
   * under an id main mints, and opens the signaling server to the LAN while
   * any share is announced. The answer names the ids to answer knocks at.
   */
  'discovery:share': { bridge: 'shareOnLan', args: z.tuple([ShareOnLanRequest]), result: ShareOnLanResult },
  /** Stops announcing a share (a goodbye on the network); the last one closes the LAN again unless Settings keeps it open. */
  'discovery:unshare': { bridge: 'unshareOnLan', args: z.tuple([IncidentIdField]), result: DiscoveryStatus },
  /** Saves the discovery settings; turning it off withdraws every announcement at once. */
  'discovery:set-settings': { bridge: 'setDiscoverySettings', args: z.tuple([DiscoveryPreferences]), result: DiscoveryChangeResult },
  /** Where updates come from, what would be used, and whether this build can install any. */
  'updates:get-status': { bridge: 'getUpdateStatus', args: z.tuple([]), result: UpdateSettingsStatus },
  /**
   * Saves the update address (null or blank: none). An address main cannot
   * use is refused with the reason, and nothing is saved.
   */
  'updates:set-feed': {
    bridge: 'setUpdateFeed',
    args: z.tuple([z.string().max(MAX_UPDATE_ADDRESS, `An update address is at most ${MAX_UPDATE_ADDRESS} characters.`).nullable()]),
    result: UpdateFeedChangeResult,
  },
  /** Check for updates… as the menu runs it: answers once started; what it finds, main says in its own dialogs. */
  'updates:check': { bridge: 'checkForUpdates', args: z.tuple([]), result: z.void() },
} as const satisfies Contract;

/** The arguments a page sends on a channel of a contract (as sent, before main's parse). */
export type ContractArgs<C extends Contract, K extends keyof C> = z.input<C[K]['args']>;
/** What main answers on it, as main's parse of the result leaves it. */
export type ContractResult<C extends Contract, K extends keyof C> = z.output<C[K]['result']>;
/** One call as the page makes it: the contract's arguments in, a promise of its result out. */
export type ContractCall<C extends Contract, K extends keyof C> = (...args: ContractArgs<C, K>) => Promise<ContractResult<C, K>>;

/**
 * A preload bridge's calls: for each channel of the contract, a function
 * under the entry's `bridge` name, typed by that entry. Property (not
 * method) signatures, so the compiler checks each implementation strictly.
 */
export type BridgeCalls<C extends Contract> = { readonly [K in keyof C as C[K]['bridge']]: ContractCall<C, K> };

export type InvokeChannel = keyof typeof invokeContract;
/** The main window's calls, for the renderer's `Host` to take its types from. */
export type InvokeArgs<C extends InvokeChannel> = ContractArgs<typeof invokeContract, C>;
export type InvokeResult<C extends InvokeChannel> = ContractResult<typeof invokeContract, C>;
export type InvokeCall<C extends InvokeChannel> = ContractCall<typeof invokeContract, C>;

/** Main to renderer: the only push channel. */
export const INTENT_CHANNEL = 'intent' as const;

/**
 * The calls the quick-capture window may make, and nothing else: its own
 * preload (src/preload/capture.ts) exposes only these, and main accepts
 * them only from that window (the main window's channels are refused there).
 */
export const captureContract = {
  /** Logs the entry to the incident the capture was opened for, at the time of the press; hides the window. */
  'capture:submit': { bridge: 'submit', args: z.tuple([CaptureEntry]), result: CaptureSubmitResult },
  /** Hides the window without logging anything. */
  'capture:cancel': { bridge: 'cancel', args: z.tuple([]), result: z.void() },
} as const satisfies Contract;

export type CaptureChannel = keyof typeof captureContract;

/** Main to the capture window: open for a press (CaptureOpen). */
export const CAPTURE_OPEN_CHANNEL = 'capture:open' as const;

/**
 * What the capture window's preload exposes on `window.commandPostCapture`:
 * the captureContract's calls, and the presses main pushes.
 */
export interface CaptureBridge extends BridgeCalls<typeof captureContract> {
  /** Subscribes to presses; returns the unsubscribe function. */
  readonly onOpen: (listener: (open: CaptureOpen) => void) => () => void;
}


/**
 * What the preload exposes on `window.commandPost`: one function per
 * invokeContract entry, named and typed by it, and the intent subscription
 * (a push from main, so not an invoke; the listener gets a parsed Intent).
 */
export interface CommandPostBridge extends BridgeCalls<typeof invokeContract> {
  /** Subscribes to intents from main; returns the unsubscribe function. */
  readonly onIntent: (listener: (intent: Intent) => void) => () => void;
  /** Subscribes to discovery changes (DISCOVERY_CHANNEL); returns the unsubscribe function. */
  readonly onDiscovery: (listener: (status: DiscoveryStatus) => void) => () => void;
}
