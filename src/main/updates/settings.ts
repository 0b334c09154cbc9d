/**
 * Settings → Updates, in the main process: what the page shows about where
 * updates come from, saving the address typed there, and Check for updates
 * now. The address is checked here with the same parser the check itself
 * uses (feed.ts), so nothing the check would refuse is ever saved from the
 * page. No Electron here.
 */
import type { KeyObject } from 'node:crypto';
import { MAX_UPDATE_ADDRESS, type UpdateFeedChangeResult, type UpdateSettingsStatus } from '../../shared/ipc';
import { chooseUpdateFeed, describeFeed, parseFeedLocation, UPDATE_ENV, UpdateFeedError, visibleText } from './feed';
import { UpdateRefused } from './refusal';

/** How the page's messages name the saved address: the settings key, as settings.json has it. */
export const SETTINGS_SOURCE = 'updates.feedUrl';

export interface UpdateFeedPreferences {
  get(): string | null;
  save(feedUrl: string | null): Promise<void>;
  /** What was wrong with the settings file at start-up, if anything. */
  problem(): string | null;
}

export interface UpdateSettingsDeps {
  env: Readonly<Record<string, string | undefined>>;
  platform: NodeJS.Platform;
  isPackaged: boolean;
  preferences: UpdateFeedPreferences;
  /** This build's update signing key; null when it has none. May reject with UpdateRefused (a private key shipped, not Ed25519). */
  signingKey: () => Promise<KeyObject | null>;
  /** Check for updates… as the menu runs it. */
  checkForUpdates: () => Promise<void>;
  logError: (message: string, error?: unknown) => void;
}

export interface UpdateSettingsHandle {
  status(): Promise<UpdateSettingsStatus>;
  setFeed(value: string | null): Promise<UpdateFeedChangeResult>;
  /** Starts a check and returns: its outcome is shown in main's dialogs, as from the menu. */
  check(): void;
}

export function createUpdateSettings(deps: UpdateSettingsDeps): UpdateSettingsHandle {
  async function signingKeyState(): Promise<{ hasSigningKey: boolean; signingKeyProblem: string | null }> {
    try {
      return { hasSigningKey: (await deps.signingKey()) !== null, signingKeyProblem: null };
    } catch (error) {
      if (error instanceof UpdateRefused) return { hasSigningKey: false, signingKeyProblem: error.message };
      throw error;
    }
  }

  async function status(): Promise<UpdateSettingsStatus> {
    const feedUrl = deps.preferences.get();
    const choice = chooseUpdateFeed(deps.env, feedUrl, deps.platform, SETTINGS_SOURCE);
    const fromEnv = deps.env[UPDATE_ENV];
    return {
      feedUrl: savedAsShown(feedUrl),
      envOverride: fromEnv !== undefined && fromEnv.trim() !== '' ? { variable: UPDATE_ENV, value: shown(fromEnv) } : null,
      inUse: choice.feed ? describeFeed(choice.feed) : null,
      problem: choice.problem,
      packaged: deps.isPackaged,
      ...(await signingKeyState()),
      settingsProblem: deps.preferences.problem(),
    };
  }

  async function setFeed(value: string | null): Promise<UpdateFeedChangeResult> {
    const typed = value === null || value.trim() === '' ? null : value.trim();
    if (typed !== null) {
      try {
        parseFeedLocation(typed, SETTINGS_SOURCE, deps.platform);
      } catch (error) {
        if (error instanceof UpdateFeedError) return { status: await status(), error: error.message };
        throw error;
      }
    }
    try {
      await deps.preferences.save(typed);
    } catch (error) {
      return { status: await status(), error: `The update address could not be saved: ${error instanceof Error ? error.message : String(error)}` };
    }
    return { status: await status(), error: null };
  }

  function check(): void {
    // Not awaited: the page's call would otherwise wait on every dialog the check opens.
    deps.checkForUpdates().catch((error: unknown) => deps.logError('Check for updates, from Settings, failed', error));
  }

  return { status, setFeed, check };
}

/** The variable's value as the page may show it: hidden characters spelled out, and at most an address long. */
function shown(value: string): string {
  const visible = visibleText(value);
  return visible.length > MAX_UPDATE_ADDRESS ? `${visible.slice(0, MAX_UPDATE_ADDRESS)}…` : visible;
}

/**
 * The saved address for the field. A hand-edited file may hold hidden or
 * direction-changing characters (the status's problem then says so): the
 * field shows them spelled out, so what it shows is what Save would save.
 */
function savedAsShown(feedUrl: string | null): string | null {
  if (feedUrl === null) return null;
  const visible = visibleText(feedUrl);
  return visible.length <= MAX_UPDATE_ADDRESS ? visible : null;
}
