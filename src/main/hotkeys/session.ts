/**
 * Where global hotkeys can work. On Windows, macOS and an X11 session, a
 * program registers a key with the system and gets it whichever window has
 * focus. A Wayland session lets no program grab keys: the desktop hands
 * them out through the xdg GlobalShortcuts portal (GNOME 48 and later,
 * KDE Plasma 6, Hyprland), which Chromium uses only when its
 * GlobalShortcutsPortal feature is on, and which may ask the user first or
 * leave the key to be assigned in the desktop's own keyboard settings. Its
 * answer comes later, so Electron's register() cannot say whether a key
 * was granted: the registry reports such keys as unconfirmed and says what
 * to do if one does nothing.
 */

export type HotkeySession = 'default' | 'wayland';

export function detectHotkeySession(platform: NodeJS.Platform, env: Readonly<Record<string, string | undefined>>): HotkeySession {
  if (platform !== 'linux') return 'default';
  return env['XDG_SESSION_TYPE']?.toLowerCase() === 'wayland' || Boolean(env['WAYLAND_DISPLAY']) ? 'wayland' : 'default';
}

/**
 * Chromium's features that route globalShortcut through the portal:
 * GlobalShortcutsPortal (documented by Electron's globalShortcut page), and
 * GlobalShortcutsPortalPreferredTrigger, which passes our keys to the
 * portal as the ones to propose (without it GNOME binds none and asks the
 * user to assign every key by hand).
 */
export const PORTAL_FEATURES = ['GlobalShortcutsPortal', 'GlobalShortcutsPortalPreferredTrigger'] as const;

/**
 * The value for --enable-features with the portal features added to what
 * is already there (appending the switch again would replace, not merge).
 */
export function withPortalFeatures(existing: string): string {
  const features = existing.split(',').map((f) => f.trim()).filter(Boolean);
  for (const feature of PORTAL_FEATURES) if (!features.includes(feature)) features.push(feature);
  return features.join(',');
}

/** What to tell a Wayland user once, beside the list of keys. */
export const WAYLAND_NOTICE =
  'This is a Wayland session, where no program may take keys for itself: Command Post asks your desktop for its hotkeys through the ' +
  'Global Shortcuts portal (GNOME 48 or later, KDE Plasma 6, Hyprland). Your desktop may ask you to allow them, or list them under ' +
  'Command Post in its keyboard settings for you to assign there. If a hotkey does nothing while another program has focus: assign it ' +
  'in your desktop’s keyboard settings, use the same keys inside Command Post (they always work there), or sign in to an X11 (“Xorg”) session.';
