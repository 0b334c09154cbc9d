import type { CommandPostBridge } from '../../shared/ipc';
import type { Host } from './types';

export function electronHost(bridge: CommandPostBridge): Host {
  return {
    kind: 'electron',
    getAppInfo: () => bridge.getAppInfo(),
    setTitle: (title) => {
      // The contract caps titles at 200 characters; a longer one would be refused.
      void bridge.setWindowTitle(title.slice(0, 200));
    },
    // The app menu owns the accelerators in Electron; main forwards them as intents.
    onIntent: (listener) => bridge.onIntent(listener),
    saveFile: async ({ suggestedName, content }) => {
      try {
        return await bridge.saveTextFile({ suggestedName, content });
      } catch (error) {
        // Electron wraps main's message: "Error invoking remote method 'file:save-text': Error: …".
        const message = error instanceof Error ? error.message : String(error);
        throw new Error(message.replace(/^Error invoking remote method '[^']*': (?:Error: )?/, ''), { cause: error });
      }
    },
  };
}
