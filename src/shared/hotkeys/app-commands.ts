/**
 * Command Post's own keyboard commands, the ones the desktop app's menu
 * carries (src/main/menu/template.ts) and the web host binds with a keydown
 * listener (src/renderer/host/web.ts): one list, so the two hosts, the
 * cheat sheet and the hotkey conflict check cannot disagree.
 *
 * The accelerators avoid everything Electron's standard menu roles already
 * use (see the menu test): CmdOrCtrl+Shift+I is the developer tools and
 * CmdOrCtrl+0 resets the zoom.
 */
import type { Intent } from '../ipc';

export interface AppCommand {
  readonly label: string;
  readonly accelerator: string;
  readonly intent: Intent;
}

/** The Incident menu. */
export const INCIDENT_COMMANDS: readonly AppCommand[] = [
  { label: 'Log timeline event', accelerator: 'CmdOrCtrl+L', intent: { type: 'focus-quick-entry' } },
  { label: 'Declare incident…', accelerator: 'CmdOrCtrl+Shift+D', intent: { type: 'declare-incident' } },
  { label: 'Incidents', accelerator: 'CmdOrCtrl+Shift+H', intent: { type: 'show-incident-list' } },
  { label: 'Search all incidents…', accelerator: 'CmdOrCtrl+Shift+F', intent: { type: 'search-incidents' } },
];

/**
 * Settings, where each platform keeps them: in the app menu on macOS, in
 * the File menu elsewhere. CmdOrCtrl+, is the convention on both.
 */
export const SETTINGS_COMMAND: AppCommand = { label: 'Settings…', accelerator: 'CmdOrCtrl+,', intent: { type: 'open-settings' } };

export const ALL_APP_COMMANDS: readonly AppCommand[] = [...INCIDENT_COMMANDS, SETTINGS_COMMAND];
