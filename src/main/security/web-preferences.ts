import type { WebPreferences } from 'electron';

/**
 * The security boundary between a window's page and the operating system,
 * the same for every window of the app: no Node.js, Chromium's sandbox, and
 * main reached only through a preload's contextBridge API in its own
 * isolated world (or not at all, without a preload). Spelled out even where
 * the values equal Electron's defaults, so a changed default cannot weaken
 * them; a window adds only what is not about security (spellcheck,
 * throttling).
 *
 * Developer tools exist only in development builds: in a packaged build
 * neither a menu, a shortcut nor a call from main can open them, so nobody
 * at an unlocked laptop can read an incident's keys or rewrite its record
 * through the console.
 */
export function secureWebPreferences(
  preload: string | null,
  developerTools: boolean,
  extra: Pick<WebPreferences, 'spellcheck' | 'backgroundThrottling'> = {},
): WebPreferences {
  return {
    ...(preload === null ? {} : { preload }),
    devTools: developerTools,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    ...extra,
  };
}
