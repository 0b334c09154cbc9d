/**
 * What electron-builder writes for each platform, and what electron-updater
 * then asks a feed for: the channel file (latest.yml and its per-platform
 * names, as in electron-updater's Provider.getChannelFilePrefix) and the
 * kinds of installer it applies.
 */
export function channelFileName(platform: NodeJS.Platform, arch: string): string {
  if (platform === 'darwin') return 'latest-mac.yml';
  if (platform === 'linux') return arch === 'x64' ? 'latest-linux.yml' : `latest-linux-${arch}.yml`;
  // Windows, for historical reasons, has no suffix.
  return 'latest.yml';
}

/**
 * The installers an update applies, by extension. macOS installs updates
 * from the .zip (Squirrel.Mac), not the .dmg, which is for first installs.
 */
export function installerExtensions(platform: NodeJS.Platform): string[] {
  if (platform === 'darwin') return ['zip'];
  if (platform === 'linux') return ['AppImage', 'deb', 'rpm', 'pacman'];
  return ['exe'];
}

export function platformName(platform: NodeJS.Platform): string {
  return platform === 'darwin' ? 'macOS' : platform === 'win32' ? 'Windows' : platform === 'linux' ? 'Linux' : platform;
}
