import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * src/shared is a one-way stack (eslint.layers.js): rules, then the incident
 * document, then views, then reports. The lint rule is what holds it, so it
 * is tested like code: an import that points sideways, upward or out of
 * src/shared by a relative path must fail, and the downward ones must not.
 */
const eslint = new ESLint({ cwd: process.cwd() });

async function layerErrors(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'layers/shared-layers').map((m) => m.message);
}

const importing = (path: string) => `import * as other from '${path}';\nexport const x = other;`;

describe('the layer rule for src/shared', () => {
  const violations: Array<[string, string, string]> = [
    ['ICS rules reaching up to the document', 'src/shared/ics/example.ts', '../incident/schema'],
    ['the document reaching up to a view', 'src/shared/incident/example.ts', '../views/replay'],
    ['a view reaching up to a report', 'src/shared/views/example.ts', '../report/can'],
    ['the contract reaching up to the rules', 'src/shared/ipc.ts', './ics/severity'],
    ['a sideways import between folders of one layer', 'src/shared/sync/example.ts', '../hotkeys/actions'],
    ['a relative import into the renderer', 'src/shared/report/example.ts', '../../renderer/stores/incident'],
    ['a relative import into main', 'src/shared/ics/example.ts', '../../main/paths'],
    ['a folder not placed in any layer', 'src/shared/unplaced/example.ts', '../ics/severity'],
  ];

  it.each(violations)('fails %s', async (_what, file, path) => {
    const errors = await layerErrors(importing(path), file);
    expect(errors).toHaveLength(1);
  });

  it('also fails re-exports and dynamic imports that point upward', async () => {
    expect(await layerErrors("export * from '../views/replay';", 'src/shared/incident/example.ts')).toHaveLength(1);
    expect(await layerErrors("export const load = () => import('../report/can');", 'src/shared/views/example.ts')).toHaveLength(1);
  });

  const allowed: Array<[string, string, string]> = [
    ['the document using the rules', 'src/shared/incident/example.ts', '../ics/severity'],
    ['a view using the document', 'src/shared/views/example.ts', '../incident/projection'],
    ['a report using every layer below', 'src/shared/report/example.ts', '../views/replay'],
    ['a file in its own folder', 'src/shared/incident/example.ts', './schema'],
    ['the rules using the contract', 'src/shared/hotkeys/example.ts', '../ipc'],
  ];

  it.each(allowed)('accepts %s', async (_what, file, path) => {
    expect(await layerErrors(importing(path), file)).toEqual([]);
  });

  it('leaves files outside src/shared alone', async () => {
    expect(await layerErrors(importing('../shared/report/can'), 'src/renderer/example.ts')).toEqual([]);
  });
});
