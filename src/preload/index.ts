/**
 * The preload: runs in the sandboxed renderer, in an isolated world, before
 * the page. It only exposes the bridge; everything else is in ./bridge.ts so
 * it can be tested without Electron.
 *
 * Sandboxed preloads can require nothing but 'electron' (and a few Node
 * polyfills), so this bundle, built as CommonJS into out/preload/index.cjs,
 * must import only 'electron' and src/shared/ipc.ts (plus zod, bundled in).
 */
import { contextBridge, ipcRenderer } from 'electron';
import { BRIDGE_KEY } from '../shared/ipc';
import { createBridge } from './bridge';

contextBridge.exposeInMainWorld(BRIDGE_KEY, createBridge(ipcRenderer));
