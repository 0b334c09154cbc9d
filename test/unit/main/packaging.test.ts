/**
 * The installers' configuration (electron-builder.config.mjs), read as
 * electron-builder reads it: the hardening it promises must not regress
 * without a test failing. `npm run dist` cannot run on machines that cannot
 * download Electron; test/packaging/stand-in.mjs packages the app around a
 * stand-in binary after the build and checks the result itself.
 */
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Configuration } from 'electron-builder';
// @ts-expect-error: electron-builder reads a plain module; its JSDoc names the type, given below.
import builderConfig from '../../../electron-builder.config.mjs';
import identity from '../../../src/main/app-identity.json';
// @ts-expect-error: a plain Node script, without declarations.
import { updateKeyProblem } from '../../../scripts/dist-preflight.mjs';

const config = builderConfig as Configuration & { electronFuses: Record<string, boolean> };
const ROOT = resolve(__dirname, '../../..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  productName: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

/** Width and height of a PNG, from its IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** The package a bare import names: `@scope/name` or `name`, without a subpath. */
function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

/**
 * Every package main's code imports at run time, found by following its
 * relative imports from src/main/index.ts (type-only imports vanish when
 * compiled, so they are left out; dynamic imports count).
 */
function mainRuntimeImports(): Set<string> {
  const seen = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(/^\s*(?:import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/gm)) {
      const [, typeOnly, specifier = ''] = match;
      if (typeOnly) continue;
      if (specifier.startsWith('.')) {
        if (!/\.(json)$/.test(specifier)) visit(resolveSource(dirname(file), specifier));
      } else if (!specifier.startsWith('node:') && specifier !== 'electron') {
        packages.add(packageOf(specifier));
      }
    }
    // Loaded when first needed (electron-updater): still shipped, still external.
    for (const [, specifier = ''] of source.matchAll(/\bimport\(\s*['"]([^'".][^'"]*)['"]\s*\)/g)) {
      if (!specifier.startsWith('node:') && specifier !== 'electron') packages.add(packageOf(specifier));
    }
  };
  visit(join(ROOT, 'src/main/index.ts'));
  return packages;
}

function resolveSource(from: string, specifier: string): string {
  const base = resolve(from, specifier);
  for (const candidate of [`${base}.ts`, join(base, 'index.ts'), base]) {
    try {
      readFileSync(candidate);
      return candidate;
    } catch {
      // try the next form
    }
  }
  throw new Error(`cannot resolve ${specifier} from ${from}`);
}

describe('the installers', () => {
  it('are AppImage and deb on Linux, NSIS on Windows and a dmg on macOS', () => {
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.win?.target).toEqual(['nsis']);
    // The zip beside the dmg is what an update on macOS installs.
    expect(config.mac?.target).toEqual(['dmg', 'zip']);
  });

  it('carry the app id main sets as the Windows user model id, and the product name', () => {
    expect(config.appId).toBe(identity.appId);
    expect(config.appId).toMatch(/^[a-z]+(\.[A-Za-z0-9-]+){2,}$/);
    expect(readFileSync(join(ROOT, 'src/main/index.ts'), 'utf8')).toContain('app.setAppUserModelId(identity.appId)');
    expect(config.productName).toBe(pkg.productName);
  });

  it('take their icon from resources/, large enough for every platform’s sizes', () => {
    expect(config.icon).toBe('resources/icon.png');
    expect(config.directories?.buildResources).toBe('resources');
    const { width, height } = pngSize(join(ROOT, 'resources/icon.png'));
    expect(width).toBe(height);
    expect(width).toBeGreaterThanOrEqual(512);
  });

  it('never delete the incidents when the program is uninstalled', () => {
    expect(config.nsis?.deleteAppDataOnUninstall).toBe(false);
  });

  it('hold no signing secret: certificates come from the environment', () => {
    const text = readFileSync(join(ROOT, 'electron-builder.config.mjs'), 'utf8');
    expect(text).not.toMatch(/cscLink|cscKeyPassword|certificateFile|certificatePassword|appleIdPassword/);
    expect(JSON.stringify(config)).not.toMatch(/-----BEGIN|\.p12|\.pfx/);
  });

  it('write an update feed that points nowhere: the app is told where to look on each machine', () => {
    const [feed] = [config.publish].flat() as { provider: string; url: string }[];
    expect(feed?.provider).toBe('generic');
    expect(new URL(feed!.url).hostname).toMatch(/\.invalid$/);
  });

  it('ship the organisation’s update signing key, and make no release without one', () => {
    expect(config.extraResources).toEqual([{ from: 'resources/update-signing-key.pem', to: 'update-signing-key.pem' }]);
    expect(readFileSync(join(ROOT, 'package.json'), 'utf8')).toMatch(/"dist": "node scripts\/dist-preflight\.mjs && /);
  });
});

describe('the fuses flipped in the packaged binary', () => {
  it('turn off running as Node, NODE_OPTIONS and --inspect, and turn on cookie encryption and ASAR integrity', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
    // ASAR integrity means nothing without an archive.
    expect(config.asar).toBe(true);
  });

  it('leave main nothing that needs ELECTRON_RUN_AS_NODE (child_process.fork)', () => {
    const sources = [...mainRuntimeFiles()].map((file) => readFileSync(file, 'utf8'));
    for (const source of sources) expect(source).not.toMatch(/\bfork\(|ELECTRON_RUN_AS_NODE/);
  });
});

/** The files main's bundle is made of (the same walk as mainRuntimeImports). */
function mainRuntimeFiles(): Set<string> {
  const files = new Set<string>();
  const visit = (file: string): void => {
    if (files.has(file)) return;
    files.add(file);
    for (const match of readFileSync(file, 'utf8').matchAll(/^\s*(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\s+from\s+)?['"](\.[^'"]+)['"]/gm)) {
      if (!match[1]!.endsWith('.json')) visit(resolveSource(dirname(file), match[1]!));
    }
  };
  visit(join(ROOT, 'src/main/index.ts'));
  return files;
}

describe('what goes into the app', () => {
  it('is the built main, preloads and renderer, and package.json', () => {
    expect(config.files).toEqual(['out/main/**', 'out/preload/**', 'out/renderer/**', 'package.json']);
  });

  it('ships as node_modules exactly the packages main loads at run time, and nothing needing a rebuild for Electron', () => {
    // electron-vite leaves package.json's dependencies out of main's bundle
    // and electron-builder ships them; everything else is bundled by Vite.
    const imported = mainRuntimeImports();
    expect(new Set(Object.keys(pkg.dependencies))).toEqual(new Set([...imported].filter((name) => name in pkg.dependencies)));
    for (const name of imported) expect(name in pkg.dependencies || name in pkg.devDependencies, `${name} is not declared`).toBe(true);
    expect(config.npmRebuild).toBe(false);
    for (const native of ['better-sqlite3', 'bufferutil', 'utf-8-validate']) expect(pkg.dependencies).not.toHaveProperty(native);
  });
});

describe('npm run dist, before it builds', () => {
  const problem = (text: string | null): string | null =>
    updateKeyProblem(
      '/release/resources/update-signing-key.pem',
      () => text,
      () => text !== null,
    );
  const pem = (type: 'ed25519' | 'rsa', part: 'publicKey' | 'privateKey'): string =>
    generateKeyPairSync(type as 'ed25519', type === 'rsa' ? ({ modulusLength: 2048 } as never) : undefined)[part].export({ type: part === 'publicKey' ? 'spki' : 'pkcs8', format: 'pem' }).toString();

  it('goes ahead with an Ed25519 public key in place', () => {
    expect(problem(pem('ed25519', 'publicKey'))).toBeNull();
  });

  it('stops without a key, saying how to make one and how to build a trial anyway', () => {
    expect(problem(null)).toMatch(/no update signing key.*refuse every update.*update:keygen.*COMMAND_POST_NO_UPDATE_KEY=1/s);
  });

  it('stops on a private key, which would ship inside every installer, and on a key of another kind', () => {
    expect(problem(pem('ed25519', 'privateKey'))).toMatch(/holds a private key/);
    expect(problem(pem('rsa', 'publicKey'))).toMatch(/rsa key; updates are signed with Ed25519/);
    expect(problem('not a key')).toMatch(/not a public key/);
  });
});
