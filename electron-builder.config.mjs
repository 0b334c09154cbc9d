/**
 * How `npm run dist` packages the desktop app (electron-builder): the
 * installers for each platform, the fuses flipped in the Electron binary, and
 * what goes into the app's archive. test/unit/main/packaging.test.ts reads
 * this file and fails if any of the hardening below regresses.
 *
 * Signing certificates are never committed: electron-builder reads them from
 * the environment (CSC_LINK and CSC_KEY_PASSWORD for macOS and Windows,
 * APPLE_ID, APPLE_APP_SPECIFIC_PASSWORD and APPLE_TEAM_ID for notarization)
 * and builds unsigned installers where they are not set.
 */
import identity from './src/main/app-identity.json' with { type: 'json' };

/** @type {import('electron-builder').Configuration} */
const config = {
  // Also the Windows application user model id, without which Windows shows
  // no notifications (main sets the same id from the same file).
  appId: identity.appId,
  productName: 'Command Post',
  copyright: 'Copyright © Command Post contributors',
  directories: { output: 'dist', buildResources: 'resources' },
  // Only what the packaged app loads. The renderer's libraries are bundled
  // into out/renderer; node_modules holds just package.json's
  // "dependencies", which are exactly what main loads at run time
  // (packaging.test.ts checks that).
  files: ['out/main/**', 'out/preload/**', 'out/renderer/**', 'package.json'],
  // The public key updates are checked against, when the organisation
  // building this release made one (npm run update:keygen). Without it every
  // update is refused, and says why.
  extraResources: [{ from: 'resources/update-signing-key.pem', to: 'update-signing-key.pem' }],
  icon: 'resources/icon.png',
  asar: true,
  // Main loads no native module, so nothing needs rebuilding against
  // Electron (the relay's SQLite is for `npm run relay`, not the app).
  npmRebuild: false,
  electronFuses: {
    // No running the app's binary as a plain Node.js (ELECTRON_RUN_AS_NODE),
    // no NODE_OPTIONS, no --inspect: each would let anyone who can start the
    // program run their own code with the app's identity and files.
    runAsNode: false,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    // Chromium's cookie store encrypted with the OS keychain, as Chrome does.
    enableCookieEncryption: true,
    // The app's code only from app.asar, and that archive checked against the
    // hash embedded in the binary (macOS and Windows), so it cannot be
    // swapped or edited in place without breaking the code signature.
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    // The renderer is served from app://, never file://.
    grantFileProtocolExtraPrivileges: false,
  },
  // Only so that electron-builder writes app-update.yml into the app and the
  // latest*.yml files that go beside the installers on the organisation's
  // update server or USB stick: the app always sets the feed's address itself
  // (Settings or COMMAND_POST_UPDATE_URL on the machine) and looks nowhere
  // without one. The .invalid name (RFC 2606) can never resolve. Build with
  // --publish never: nothing is uploaded anywhere.
  publish: [{ provider: 'generic', url: 'http://updates.command-post.invalid/' }],
  linux: {
    target: ['AppImage', 'deb'],
    category: 'Utility',
    synopsis: 'A command post for IT incident response, offline and peer to peer.',
    maintainer: 'Command Post contributors',
  },
  deb: {
    // Electron's own runtime needs on Debian and Ubuntu, plus notifications.
    depends: ['libgtk-3-0', 'libnotify4', 'libnss3', 'libxss1', 'libxtst6', 'xdg-utils', 'libatspi2.0-0', 'libuuid1', 'libsecret-1-0'],
  },
  win: {
    target: ['nsis'],
  },
  nsis: {
    oneClick: false,
    perMachine: false,
    allowToChangeInstallationDirectory: true,
    // Incidents live in the user's profile; uninstalling the program must
    // never take the record with it.
    deleteAppDataOnUninstall: false,
  },
  mac: {
    // The dmg installs; the zip is what electron-updater applies as an update.
    target: ['dmg', 'zip'],
    category: 'public.app-category.productivity',
    // Required for notarization; electron-builder's default entitlements
    // give Electron the JIT it needs under it.
    hardenedRuntime: true,
  },
  dmg: {
    sign: false,
  },
};

export default config;
