import type { AppInfo, Intent, SaveFileResult } from '../../shared/ipc';

export interface TextFile {
  /** A file name, not a path; the user may change it where the host asks. */
  readonly suggestedName: string;
  readonly mimeType: string;
  readonly content: string;
}

/**
 * What the renderer needs from wherever it runs. Two implementations:
 * Electron (through the preload bridge) and the web host (a plain browser).
 */
export interface Host {
  readonly kind: 'electron' | 'web';
  getAppInfo(): Promise<AppInfo>;
  /** The window title (task bar, window switcher). */
  setTitle(title: string): void;
  /** Intents from outside the page: the app menu in Electron, browser-safe shortcuts on the web. */
  onIntent(listener: (intent: Intent) => void): () => void;
  /**
   * Saves a text file where the user chooses: a save dialog in Electron, a
   * download in a browser (which cannot tell whether the user kept it, so it
   * always says 'saved'). Opening files needs no host method: an
   * <input type="file"> works the same in both.
   */
  saveFile(file: TextFile): Promise<SaveFileResult>;
}
