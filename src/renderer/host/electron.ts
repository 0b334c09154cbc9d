import type { CommandPostBridge } from '../../shared/ipc';
import type { Host } from './types';

export function electronHost(bridge: CommandPostBridge): Host {
  return {
    kind: 'electron',
    getAppInfo: () => bridge.getAppInfo(),
    setTitle: (title) => {
      void bridge.setWindowTitle(title);
    },
    // The app menu owns the accelerators in Electron; main forwards them as intents.
    onIntent: (listener) => bridge.onIntent(listener),
  };
}
