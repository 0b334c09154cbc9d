import { formatAccelerator, keyPlatformOf, type KeyPlatform } from '../../../shared/hotkeys/accelerator';

/**
 * The command palette's key, as Linear, VS Code's web editors and GitHub
 * have it: Ctrl+K, or Cmd+K on a Mac. Either modifier opens it on any
 * platform, as the web host reads the app's other keys; it has a modifier,
 * so it works with single keys turned off, which is how those users reach
 * every action.
 */
export const PALETTE_ACCELERATOR = 'CmdOrCtrl+K';

/** Ctrl+K or Cmd+K by the physical key (another layout's K may type another letter). */
export function isPaletteKey(event: Pick<KeyboardEvent, 'code' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>): boolean {
  return (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.code === 'KeyK';
}

/** The palette's key as this platform writes it. */
export function paletteKeys(platform: KeyPlatform = keyPlatformOf(navigator.platform)): string {
  return formatAccelerator(PALETTE_ACCELERATOR, platform);
}
