/**
 * The quick-capture window's preload: exposes the capture bridge only (see
 * ./capture-bridge.ts), under its own name, so the capture page can reach
 * none of the main window's calls. Built as CommonJS like ./index.ts.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { CAPTURE_BRIDGE_KEY } from '../shared/ipc';
import { createCaptureBridge } from './capture-bridge';

contextBridge.exposeInMainWorld(CAPTURE_BRIDGE_KEY, createCaptureBridge(ipcRenderer));
