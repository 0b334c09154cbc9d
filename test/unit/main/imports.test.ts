/**
 * Import rules that keep main and preload testable and the preload loadable:
 * - a sandboxed preload can require('electron') and nothing else from outside
 *   its bundle, so it may import only 'electron', the shared contract and its
 *   own bridge module;
 * - every main module except the entry receives Electron APIs as arguments
 *   and imports only Electron's types, so the tests never load Electron.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => join(dir, file));
}

/** Import specifiers, split into value imports and type-only imports. */
function imports(file: string): { values: string[]; types: string[] } {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const values: string[] = [];
  const types: string[] = [];
  for (const match of text.matchAll(/^\s*import\s+(type\s+)?[^'";]*?from\s+['"]([^'"]+)['"]|^\s*import\s+['"]([^'"]+)['"]/gm)) {
    if (match[1]) types.push(match[2] ?? '');
    else values.push(match[2] ?? match[3] ?? '');
  }
  for (const match of text.matchAll(/\b(?:import|require)\(\s*['"]([^'"]+)['"]\s*\)/g)) values.push(match[1] ?? '');
  return { values, types };
}

describe('import rules', () => {
  it('finds the modules it checks', () => {
    expect(sources('src/preload')).toContain(join('src/preload', 'index.ts'));
    expect(sources('src/preload')).toContain(join('src/preload', 'capture.ts'));
    expect(sources('src/main').length).toBeGreaterThan(10);
  });

  it('the preloads import only electron, the shared contract and their bridges', () => {
    const allowed = new Set(['electron', '../shared/ipc', './bridge', './capture-bridge']);
    for (const file of sources('src/preload')) {
      const { values, types } = imports(file);
      for (const specifier of [...values, ...types]) expect(allowed, `${file}: ${specifier}`).toContain(specifier);
    }
  });

  it('the shared contract the preload bundles needs nothing but zod and its names', () => {
    expect(imports('src/shared/ipc.ts').values).toEqual(['zod', './ipc-names']);
    expect(imports('src/shared/ipc-names.ts').values).toEqual([]);
  });

  it('electron-updater is loaded only by the main entry, and only when an update is looked for (a dynamic import)', () => {
    for (const file of sources('src/main')) {
      const text = readFileSync(join(ROOT, file), 'utf8');
      const name = relative('src/main', file);
      const staticImport = /^\s*import\s+(?!type\s)[^;]*?from\s+['"]electron-updater['"]|^\s*import\s+['"]electron-updater['"]/m;
      expect(staticImport.test(text), `${name}: a static import`).toBe(false);
      if (name !== 'index.ts') expect(imports(file).values, name).not.toContain('electron-updater');
    }
    expect(readFileSync(join(ROOT, 'src/main/index.ts'), 'utf8')).toMatch(/await import\('electron-updater'\)/);
  });

  it('only the main entry imports the electron runtime', () => {
    for (const file of sources('src/main')) {
      const { values } = imports(file);
      const name = relative('src/main', file);
      if (name === 'index.ts') expect(values, name).toContain('electron');
      else expect(values, name).not.toContain('electron');
    }
  });
});
