import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * src/renderer/stores holds state for React and nothing else; the database,
 * sessions and connections live in src/renderer/incidents and push into the
 * stores. The lint rule holds that line, so it is tested like code.
 */
const eslint = new ESLint({ cwd: process.cwd() });

async function restricted(code: string, filePath: string): Promise<number> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports').length;
}

describe('the state-only rule for src/renderer/stores', () => {
  it.each([
    ['the database', "import { db } from '../incidents';\nexport const x = db;"],
    ['a session module', "import { openSession } from '../incidents/open-incident';\nexport const x = openSession;"],
    ['Dexie', "import { liveQuery } from 'dexie';\nexport const x = liveQuery;"],
    ['a sync provider', "import { WebrtcProvider } from 'y-webrtc';\nexport const x = WebrtcProvider;"],
  ])('fails a store that imports %s', async (_what, code) => {
    expect(await restricted(code, 'src/renderer/stores/example.ts')).toBe(1);
  });

  it('lets a store name the types it holds', async () => {
    expect(await restricted("import type { SaveState } from '../incidents/persistence';\nexport type X = SaveState;", 'src/renderer/stores/example.ts')).toBe(0);
  });

  it('leaves the incidents folder free to open them', async () => {
    expect(await restricted("import { liveQuery } from 'dexie';\nexport const x = liveQuery;", 'src/renderer/incidents/example.ts')).toBe(0);
  });
});
