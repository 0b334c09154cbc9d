/**
 * The names of the contract (./ipc.ts) that need no schema: the event kinds
 * quick capture logs, the hotkey actions and the keys the preloads expose
 * their bridges under. Apart from the contract's zod schemas, so the app's
 * page finds its host and its hotkeys without loading zod at start-up;
 * ipc.ts re-exports them.
 */

/**
 * The event kinds quick capture logs: LOGGABLE_KINDS in
 * src/shared/incident/kinds.ts (a unit test keeps the two equal; repeated
 * because the preload bundles the contract, which imports nothing but zod
 * and this file).
 */
export const CAPTURE_KINDS = ['note', 'decision', 'action', 'status', 'followup', 'impact'] as const;

/**
 * What a hotkey does: open quick capture (with the type last used), log
 * one of the event kinds (quick capture with that type preset), or mark the
 * last event as a key event. src/shared/hotkeys/actions.ts names each and
 * holds the defaults.
 */
export const HOTKEY_ACTIONS = ['capture', ...CAPTURE_KINDS, 'mark-key'] as const;

/** The name under which the preload exposes the bridge. */
export const BRIDGE_KEY = 'commandPost' as const;

/** The name under which the capture window's preload exposes its bridge. */
export const CAPTURE_BRIDGE_KEY = 'commandPostCapture' as const;
