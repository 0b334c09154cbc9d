import type { CommandPostBridge } from '../../shared/ipc';
import { BRIDGE_KEY } from '../../shared/ipc-names';
import { electronHost } from './electron';
import type { Host } from './types';
import { webHost } from './web';

export type { Host, SignalingControl, StorageDurability } from './types';

/** The preload puts the bridge on window in Electron; anywhere else we are in a browser. */
export function detectHost(): Host {
  const bridge = (window as unknown as Record<string, CommandPostBridge | undefined>)[BRIDGE_KEY];
  return bridge ? electronHost(bridge) : webHost();
}

export const host: Host = detectHost();
