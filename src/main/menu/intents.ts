import type { BrowserWindow } from 'electron';
import { INTENT_CHANNEL, Intent } from '../../shared/ipc';

/** A menu command that the renderer carries out. */
export interface IntentMenuItem {
  label: string;
  accelerator: string;
  intent: Intent;
}

/**
 * The keyboard-first commands of an incident command post. The accelerators
 * are the ones the web host binds with a keydown listener
 * (src/renderer/host/web.ts), so both hosts answer the same keys, and they
 * avoid everything Electron's standard roles already use (see the menu test):
 * CmdOrCtrl+Shift+I is the developer tools and CmdOrCtrl+0 resets the zoom.
 */
export const INTENT_MENU_ITEMS: readonly IntentMenuItem[] = [
  { label: 'Log timeline event', accelerator: 'CmdOrCtrl+L', intent: { type: 'focus-quick-entry' } },
  { label: 'Declare incident…', accelerator: 'CmdOrCtrl+Shift+D', intent: { type: 'declare-incident' } },
  { label: 'Incidents', accelerator: 'CmdOrCtrl+Shift+H', intent: { type: 'show-incident-list' } },
];

/**
 * Settings, where each platform keeps them: in the app menu on macOS, in
 * the File menu elsewhere. CmdOrCtrl+, is the convention on both.
 */
export const SETTINGS_MENU_ITEM: IntentMenuItem = { label: 'Settings…', accelerator: 'CmdOrCtrl+,', intent: { type: 'open-settings' } };

/** Every menu item that sends an intent, wherever it sits in the menu. */
export const ALL_INTENT_MENU_ITEMS: readonly IntentMenuItem[] = [...INTENT_MENU_ITEMS, SETTINGS_MENU_ITEM];

export type IntentTarget = Pick<BrowserWindow, 'isDestroyed' | 'isMinimized' | 'restore' | 'focus'> & {
  webContents: { send(channel: string, ...args: unknown[]): void };
};

/**
 * Sends an intent to the main window's page over INTENT_CHANNEL, bringing the
 * window forward first (the user just asked it to do something). Without a
 * window (macOS, all windows closed) the intent is dropped: there is no page
 * to act on it yet.
 */
export function createIntentSender(getWindow: () => IntentTarget | null | undefined): (intent: Intent) => void {
  return (intent) => {
    const window = getWindow();
    if (!window || window.isDestroyed()) return;
    if (window.isMinimized()) window.restore();
    window.focus();
    // Validated even though the type says it is fine: this is the only thing
    // main ever pushes to the renderer, and the preload drops anything else.
    window.webContents.send(INTENT_CHANNEL, Intent.parse(intent));
  };
}
