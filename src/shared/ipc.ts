/**
 * The one contract between main, preload and renderer.
 *
 * `invokeContract` lists every call the renderer may make into main, with a
 * zod schema for its arguments (main validates every payload against it) and
 * for its result. The preload exposes one named function per entry, typed to
 * satisfy `CommandPostBridge`; there is no generic `invoke(channel)`.
 *
 * Main never holds incident state: the renderer tells main what it needs to
 * show (a window title), and main hands the renderer intents (a menu
 * accelerator was pressed), never raw Electron events.
 */
import { z } from 'zod';

export const AppInfo = z.object({
  name: z.string(),
  version: z.string(),
  platform: z.string(),
  electron: z.string(),
});
export type AppInfo = z.infer<typeof AppInfo>;

/** What the user asked for from outside the page (menu, later global hotkeys). */
export const Intent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('focus-quick-entry') }),
  z.object({ type: z.literal('declare-incident') }),
  z.object({ type: z.literal('show-incident-list') }),
]);
export type Intent = z.infer<typeof Intent>;

export const invokeContract = {
  'app:get-info': { args: z.tuple([]), result: AppInfo },
  'window:set-title': { args: z.tuple([z.string().max(200)]), result: z.void() },
} as const;

export type InvokeChannel = keyof typeof invokeContract;
export type InvokeArgs<C extends InvokeChannel> = z.infer<(typeof invokeContract)[C]['args']>;
export type InvokeResult<C extends InvokeChannel> = z.infer<(typeof invokeContract)[C]['result']>;

/** Main to renderer: the only push channel. */
export const INTENT_CHANNEL = 'intent' as const;

/** What the preload exposes on `window.commandPost`. */
export interface CommandPostBridge {
  getAppInfo(): Promise<AppInfo>;
  setWindowTitle(title: string): Promise<void>;
  /** Subscribes to intents from main; returns the unsubscribe function. */
  onIntent(listener: (intent: Intent) => void): () => void;
}

/** The name under which the preload exposes the bridge. */
export const BRIDGE_KEY = 'commandPost' as const;
