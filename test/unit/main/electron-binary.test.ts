/**
 * `npm start` where Electron's binary was never downloaded (as on machines
 * that cannot reach GitHub): one paragraph saying what is missing and how to
 * get it, instead of electron-vite's "Error: Electron uninstall" and a stack.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain Node script, run before anything is built, without declarations.
import { electronBinaryProblem } from '../../../scripts/electron-binary.mjs';

const DIR = '/project/node_modules/electron';
const BINARY = join(DIR, 'dist', 'electron');
const problem = (files: Record<string, string>, env: Record<string, string> = {}): string | null =>
  electronBinaryProblem({ electronDir: DIR, env, exists: (file: string) => file in files, read: (file: string) => files[file] });

describe('starting the desktop app without Electron’s binary', () => {
  it('says nothing when the binary path.txt names is there', () => {
    expect(problem({ [join(DIR, 'path.txt')]: 'electron\n', [BINARY]: '' })).toBeNull();
  });

  it('says what is missing and how to install it when the download was skipped', () => {
    const text = problem({});
    expect(text).toContain("The desktop app needs Electron's binary, which is not installed here");
    expect(text).toContain('ELECTRON_SKIP_BINARY_DOWNLOAD');
    expect(text).toContain('node node_modules/electron/install.js');
    expect(text).toContain('npm run web');
    expect(text).not.toContain('\n');
  });

  it('names the binary when path.txt points at one that is gone', () => {
    expect(problem({ [join(DIR, 'path.txt')]: 'electron' })).toContain(`(${BINARY} is missing`);
  });

  it('follows ELECTRON_EXEC_PATH, as electron-vite does', () => {
    expect(problem({ '/opt/electron/electron': '' }, { ELECTRON_EXEC_PATH: '/opt/electron/electron' })).toBeNull();
    expect(problem({}, { ELECTRON_EXEC_PATH: '/opt/electron/electron' })).toMatch(/ELECTRON_EXEC_PATH names \/opt\/electron\/electron, but there is no file there/);
  });

  it('run as a script, exits 1 with the paragraph on stderr and no stack trace', () => {
    const run = spawnSync(process.execPath, ['scripts/electron-binary.mjs'], { encoding: 'utf8', env: { ...process.env, ELECTRON_EXEC_PATH: '/nonexistent/electron' } });
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe('ELECTRON_EXEC_PATH names /nonexistent/electron, but there is no file there.');
    expect(run.stdout).toBe('');
  });
});
