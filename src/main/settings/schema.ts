/**
 * The settings file: one JSON object, one key per section, each section with
 * its own zod schema and defaults. A section the file does not have yet (a
 * file written before that section existed) takes its defaults, so adding a
 * section is one line here and needs no migration.
 */
import { z } from 'zod';
import { AcceleratorText, DiscoveryPreferences, HOTKEY_ACTIONS, SignalingPreferences, type HotkeyAction, type HotkeyBindings } from '../../shared/ipc';
import { DEFAULT_HOTKEYS } from '../../shared/hotkeys/actions';
import { DEFAULT_SIGNALING_PORT } from '../signaling/server';

export const SETTINGS_VERSION = 1;

/**
 * Every section, with the value it has on a machine that never changed it.
 * The file's sections are read leniently (keys this version does not know
 * are dropped, not refused); the IPC contract is strict about what the
 * renderer may send.
 */
/**
 * The hotkeys as the file keeps them: an action the file does not name yet
 * (written before that action existed) takes its default key. Whether a key
 * is usable is the registry's to say (src/main/hotkeys/registry.ts), so one
 * bad key is reported on its own instead of discarding the section.
 */
const HotkeysSection = z.object(
  Object.fromEntries(HOTKEY_ACTIONS.map((action) => [action, AcceleratorText.default(DEFAULT_HOTKEYS[action])])) as Record<
    HotkeyAction,
    z.ZodDefault<typeof AcceleratorText>
  >,
) as unknown as z.ZodType<HotkeyBindings, Partial<HotkeyBindings>>;

export const SETTINGS_SECTIONS = {
  signaling: {
    schema: z.object(SignalingPreferences.shape),
    defaults: { exposeOnLan: false, port: DEFAULT_SIGNALING_PORT },
  },
  hotkeys: {
    schema: HotkeysSection,
    defaults: DEFAULT_HOTKEYS,
  },
  /**
   * Where updates come from: the organisation's web server or shared folder
   * (src/main/updates/feed.ts says what is accepted and why a value is not;
   * COMMAND_POST_UPDATE_URL overrides it). null, the default, means nowhere:
   * nothing is ever checked.
   */
  updates: {
    schema: z.object({ feedUrl: z.string().max(2048).nullable().default(null) }),
    defaults: { feedUrl: null as string | null },
  },
  /** Finding and being found on the LAN (src/main/discovery): on, and no name announced, until the user says otherwise. */
  discovery: {
    schema: z.object(DiscoveryPreferences.shape),
    defaults: { enabled: true, displayName: '' },
  },
} as const;

export type SettingsSectionName = keyof typeof SETTINGS_SECTIONS;
export type SettingsSection<K extends SettingsSectionName> = z.infer<(typeof SETTINGS_SECTIONS)[K]['schema']>;
export type Settings = { readonly [K in SettingsSectionName]: SettingsSection<K> };

export const SECTION_NAMES = Object.keys(SETTINGS_SECTIONS) as SettingsSectionName[];

export function defaultSettings(): Settings {
  const settings: Record<string, unknown> = {};
  for (const name of SECTION_NAMES) settings[name] = structuredClone(SETTINGS_SECTIONS[name].defaults);
  return settings as Settings;
}

/** What is written to disk: the version, then every section. */
export function serializeSettings(settings: Settings): string {
  return `${JSON.stringify({ version: SETTINGS_VERSION, ...settings }, null, 2)}\n`;
}
