import type { Intent } from '../../shared/ipc';
import type { Host } from './types';

declare const __APP_VERSION__: string;

/**
 * The browser has no app menu, so the web host maps the same accelerators
 * the desktop menu has to intents with a keydown listener.
 */
export function intentForKey(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>): Intent | null {
  const mod = event.ctrlKey || event.metaKey;
  if (!mod || event.altKey) return null;
  const key = event.key.toLowerCase();
  if (key === 'l' && !event.shiftKey) return { type: 'focus-quick-entry' };
  if (key === 'd' && event.shiftKey) return { type: 'declare-incident' };
  if (key === 'h' && event.shiftKey) return { type: 'show-incident-list' };
  return null;
}

export function webHost(): Host {
  return {
    kind: 'web',
    getAppInfo: async () => ({
      name: 'Command Post',
      version: __APP_VERSION__,
      platform: navigator.platform || 'web',
      electron: '',
    }),
    setTitle: (title) => {
      document.title = title;
    },
    onIntent: (listener) => {
      const onKeyDown = (event: KeyboardEvent) => {
        const intent = intentForKey(event);
        if (!intent) return;
        event.preventDefault();
        listener(intent);
      };
      window.addEventListener('keydown', onKeyDown);
      return () => window.removeEventListener('keydown', onKeyDown);
    },
  };
}
