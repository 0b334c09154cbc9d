import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixtures';

/**
 * The desktop app's windows run their preloads sandboxed, and a sandboxed
 * preload can require('electron') and nothing else: a preload that loads a
 * shared chunk of its own fails, and the window opens with no bridge at all.
 * This machine cannot run Electron, so the built preloads are read instead
 * (after `npm run build`, like every test here).
 */
const PRELOAD_DIR = join(process.cwd(), 'out', 'preload');

test('each built preload stands alone: it requires electron and nothing else', { tag: '@quick' }, () => {
  const preloads = readdirSync(PRELOAD_DIR).filter((name) => name.endsWith('.cjs'));
  expect(preloads.sort()).toEqual(['capture.cjs', 'index.cjs']);
  for (const name of preloads) {
    const code = readFileSync(join(PRELOAD_DIR, name), 'utf8');
    const required = [...code.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((match) => match[1]);
    expect(required, `${name} may require only electron`).toEqual(required.map(() => 'electron'));
    expect(required.length, `${name} reaches main through electron's ipcRenderer`).toBeGreaterThan(0);
  }
});
