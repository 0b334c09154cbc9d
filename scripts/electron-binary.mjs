#!/usr/bin/env node
/**
 * Runs before `npm start` and `npm run dev`: the desktop app needs
 * Electron's binary, which Electron's npm package downloads from GitHub at
 * install time. Where that was skipped (ELECTRON_SKIP_BINARY_DOWNLOAD, as on
 * machines that cannot reach GitHub) or failed, electron-vite stops with
 * "Error: Electron uninstall" and a stack trace; this says instead, in one
 * paragraph, what is missing and how to get it, and exits 1.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Why the desktop app cannot start, or null when Electron's binary is there.
 * Follows electron-vite's own lookup: ELECTRON_EXEC_PATH, else the binary
 * named by node_modules/electron/path.txt under its dist/ folder.
 */
export function electronBinaryProblem({ electronDir, env = {}, exists = existsSync, read = (file) => readFileSync(file, 'utf8') }) {
  if (env.ELECTRON_EXEC_PATH) return exists(env.ELECTRON_EXEC_PATH) ? null : `ELECTRON_EXEC_PATH names ${env.ELECTRON_EXEC_PATH}, but there is no file there.`;
  if (electronDir === null) return 'Electron is not installed (node_modules/electron is missing): run npm install first.';
  const pathFile = join(electronDir, 'path.txt');
  const binary = exists(pathFile) ? join(electronDir, 'dist', read(pathFile).trim()) : null;
  if (binary && exists(binary)) return null;
  return [
    "The desktop app needs Electron's binary, which is not installed here",
    `(${binary ?? join(electronDir, 'dist')} is missing: npm installed Electron with ELECTRON_SKIP_BINARY_DOWNLOAD set, or its download failed).`,
    'On a machine that can reach GitHub, fetch it with `node node_modules/electron/install.js`',
    '(or `npm install` again without ELECTRON_SKIP_BINARY_DOWNLOAD), then run `npm start` again.',
    'Without it, `npm run web` serves the same app to a browser.',
  ].join(' ');
}

function electronPackageDir() {
  try {
    return dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return null;
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const problem = electronBinaryProblem({ electronDir: electronPackageDir(), env: process.env });
  if (problem) {
    console.error(problem);
    process.exitCode = 1;
  }
}
