import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * src/shared is the pure incident domain. The lint rule that keeps it pure
 * is what `npm test` relies on, so it is tested like code: each forbidden
 * import in a file under src/shared must be an error, and the same import
 * elsewhere must not be.
 */
const eslint = new ESLint({ cwd: process.cwd() });

async function errorsFor(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.severity === 2).map((m) => `${m.ruleId}: ${m.message}`);
}

describe('the purity rule for src/shared', () => {
  const forbidden: Array<[string, string]> = [
    ['Electron', "import { app } from 'electron';\nexport const x = app;"],
    ['a Node built-in', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;"],
    ['a bare Node built-in', "import * as path from 'path';\nexport const x = path;"],
    ['React', "import { useState } from 'react';\nexport const x = useState;"],
    ['react-dom', "import { createRoot } from 'react-dom/client';\nexport const x = createRoot;"],
    ['the DOM', 'export const x = () => document.title;'],
    ['window', 'export const x = () => window.location.href;'],
    ['IndexedDB', "export const x = () => indexedDB.open('db');"],
  ];

  it.each(forbidden)('fails a file under src/shared that uses %s', async (_what, code) => {
    const errors = await errorsFor(code, 'src/shared/incident/example.ts');
    expect(errors.some((e) => e.startsWith('no-restricted-imports') || e.startsWith('no-restricted-globals'))).toBe(true);
  });

  it('accepts yjs and zod in src/shared', async () => {
    const code = "import * as Y from 'yjs';\nimport { z } from 'zod';\nexport const x = [Y.Doc, z.string()];";
    expect(await errorsFor(code, 'src/shared/incident/example.ts')).toEqual([]);
  });

  it('allows the same imports outside src/shared', async () => {
    const code = "import { app } from 'electron';\nimport { readFileSync } from 'node:fs';\nexport const x = [app, readFileSync];";
    expect(await errorsFor(code, 'src/main/example.ts')).toEqual([]);
  });
});
