import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface BuildPaths {
  /** out/preload/index.cjs: CommonJS, because sandboxed preloads cannot be ES modules. */
  preload: string;
  /** out/preload/capture.cjs: the quick-capture window's own, narrower preload. */
  capturePreload: string;
  /** out/renderer: the only directory app:// serves. */
  rendererRoot: string;
}

/**
 * Locates the sibling build outputs from the URL of the main bundle
 * (out/main/index.js). Main is an ES module, so there is no __dirname; the
 * entry module passes its own import.meta.url, which is correct whether the
 * app runs from out/ or from inside an asar archive.
 */
export function resolveBuildPaths(mainModuleUrl: string): BuildPaths {
  const mainDir = dirname(fileURLToPath(mainModuleUrl));
  return {
    preload: join(mainDir, '..', 'preload', 'index.cjs'),
    capturePreload: join(mainDir, '..', 'preload', 'capture.cjs'),
    rendererRoot: join(mainDir, '..', 'renderer'),
  };
}
