import type { AppInfo, Intent } from '../../shared/ipc';

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
}
