import type { BrowserWindow } from 'electron';
import { ALL_APP_COMMANDS, INCIDENT_COMMANDS, SETTINGS_COMMAND, type AppCommand } from '../../shared/hotkeys/app-commands';
import { INTENT_CHANNEL, Intent } from '../../shared/ipc';

/** A menu command that the renderer carries out (the list is shared with the web host and the cheat sheet). */
export type IntentMenuItem = AppCommand;

/** The Incident menu's commands. */
export const INTENT_MENU_ITEMS: readonly IntentMenuItem[] = INCIDENT_COMMANDS;

/** Settings, in the app menu on macOS and the File menu elsewhere. */
export const SETTINGS_MENU_ITEM: IntentMenuItem = SETTINGS_COMMAND;

/** Every menu item that sends an intent, wherever it sits in the menu. */
export const ALL_INTENT_MENU_ITEMS: readonly IntentMenuItem[] = ALL_APP_COMMANDS;

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
