#!/usr/bin/env node
/**
 * Packages the built app (out/) with electron-builder exactly as `npm run
 * dist` does, except that Electron's binary, which these machines cannot
 * download, is a stand-in carrying Electron's fuse wire as it ships (the
 * sentinel @electron/fuses looks for, then the fuses in their default
 * states). electron-builder then really reads electron-builder.config.mjs,
 * collects the files and dependencies, writes app.asar and app-update.yml,
 * and flips the fuses; this checks what it made:
 *   - every fuse is as a hardened build needs it (read back with @electron/fuses);
 *   - app.asar holds out/main, out/preload, out/renderer and package.json,
 *     main's entry among them, and in node_modules only package.json's
 *     dependencies and what they need: no source, no test, no relay database;
 *   - the update feed written into the app points nowhere (each machine is
 *     told where to look).
 * The installers themselves (AppImage, deb, NSIS, dmg) need tools
 * electron-builder downloads from GitHub, so they are made by `npm run dist`
 * on a machine that can, not here. Run after `npm run build`; exits 1 with
 * what is wrong.
 */
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { build, Platform } from 'electron-builder';
import config from '../../electron-builder.config.mjs';

const require = createRequire(import.meta.url);
const asar = require('@electron/asar');
const { getCurrentFuseWire, FuseV1Options } = require('@electron/fuses');
/** A fuse's byte: '1' on, '0' off (@electron/fuses's FuseState, which its entry point does not export). */
const FuseState = { ENABLE: 0x31, DISABLE: 0x30 };
const root = new URL('../..', import.meta.url).pathname;
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Electron 45's fuse wire as shipped: version 1, nine fuses, in FuseV1Options order. */
const SHIPPED_WIRE = [1, 1, 0, 1, 1, 0, 0, 0, 1, 1].map((state, index) => (index === 0 ? state : state ? FuseState.ENABLE : FuseState.DISABLE));

const problems = [];
const check = (ok, message) => {
  if (!ok) problems.push(message);
};

const work = await mkdtemp(join(tmpdir(), 'command-post-package-'));
try {
  const standIn = join(work, 'electron');
  await mkdir(standIn);
  const wire = Buffer.from([SHIPPED_WIRE[0], SHIPPED_WIRE.length - 1, ...SHIPPED_WIRE.slice(1)]);
  await writeFile(join(standIn, 'electron'), Buffer.concat([Buffer.from('#!/bin/sh\nexit 0\n'), Buffer.from(SENTINEL), wire]), { mode: 0o755 });
  await writeFile(join(standIn, 'LICENSE'), 'stand-in');
  await writeFile(join(standIn, 'version'), require('electron/package.json').version);

  const output = join(work, 'dist');
  await build({
    projectDir: root,
    targets: Platform.LINUX.createTarget('dir'),
    publish: 'never',
    config: { ...config, electronDist: standIn, directories: { ...config.directories, output } },
  });
  const appDir = join(output, 'linux-unpacked');

  // The fuses, as flipped.
  const fuses = await getCurrentFuseWire(join(appDir, 'command-post'));
  // What a packaged Command Post must be, whatever the configuration says.
  const want = {
    RunAsNode: false,
    EnableCookieEncryption: true,
    EnableNodeOptionsEnvironmentVariable: false,
    EnableNodeCliInspectArguments: false,
    EnableEmbeddedAsarIntegrityValidation: true,
    OnlyLoadAppFromAsar: true,
    GrantFileProtocolExtraPrivileges: false,
  };
  for (const [name, on] of Object.entries(want)) {
    const state = fuses[FuseV1Options[name]];
    check(state === (on ? FuseState.ENABLE : FuseState.DISABLE), `fuse ${name} is ${state === FuseState.ENABLE ? 'on' : 'off'} in the packaged binary; it must be ${on ? 'on' : 'off'}`);
  }

  // What the archive holds.
  const files = asar.listPackage(join(appDir, 'resources', 'app.asar'), { isPack: false });
  const top = new Set(files.map((file) => file.split(/[/\\]/)[1]));
  check([...top].sort().join(' ') === 'node_modules out package.json', `app.asar's top level is ${[...top].sort().join(', ')}`);
  const outDirs = new Set(files.filter((f) => /^[/\\]out[/\\]/.test(f)).map((f) => f.split(/[/\\]/)[2]));
  check([...outDirs].sort().join(' ') === 'main preload renderer', `app.asar's out/ holds ${[...outDirs].sort().join(', ')}`);
  const packed = JSON.parse(asar.extractFile(join(appDir, 'resources', 'app.asar'), 'package.json').toString());
  check(files.some((f) => f.replace(/\\/g, '/') === `/${packed.main}`), `main's entry ${packed.main} is not in app.asar`);
  const modules = new Set(files.filter((f) => /^[/\\]node_modules[/\\]/.test(f)).map((f) => {
    const parts = f.split(/[/\\]/);
    return parts[2].startsWith('@') ? `${parts[2]}/${parts[3]}` : parts[2];
  }));
  for (const name of Object.keys(pkg.dependencies)) check(modules.has(name), `dependency ${name} is missing from app.asar`);
  for (const name of Object.keys(pkg.devDependencies)) check(!modules.has(name), `devDependency ${name} was packaged`);
  check(!files.some((f) => /\.node$/.test(f)), 'a native module was packaged');

  // The update feed written into the app.
  const feed = readFileSync(join(appDir, 'resources', 'app-update.yml'), 'utf8');
  check(/url: http:\/\/updates\.command-post\.invalid\/?/.test(feed), `app-update.yml points at a real address:\n${feed}`);

  if (problems.length) {
    console.error(`The packaged app is not as configured:\n- ${problems.join('\n- ')}`);
    process.exitCode = 1;
  } else {
    console.log(`Packaged around a stand-in Electron: ${Object.keys(want).length} fuses as they must be; app.asar holds ${files.length} entries, ${modules.size} packages in node_modules, no native module.`);
  }
} finally {
  await rm(work, { recursive: true, force: true });
}
